package dev.baton.notification.template;

import dev.baton.api.workflow.NoticeKind;

/** Baton's own wording of each kind of notification, for workflows that give none (FreeMarker, like theirs). */
public final class DefaultTemplates {
    private static final String SUBJECT = "<#if ticket.serialNo?has_content>[${ticket.serialNo}] </#if>"
            + "${ticket.title}: ${event.headline}";
    private static final String TICKET = "${ticket.workflowName} \"${ticket.title}\""
            + "<#if ticket.serialNo?has_content> (${ticket.serialNo})</#if>";
    private static final String BY = "<#if event.actorName?has_content && event.actor != 'baton'>"
            + "${event.actorName}: ${event.action}</#if>"
            + "<#if event.comment?has_content> – ${event.comment}</#if>";
    private static final String LINK = "<#if ticket.url?has_content>\n${ticket.url}</#if>";

    private DefaultTemplates() {
    }

    public static String subject(NoticeKind kind) {
        return SUBJECT;
    }

    public static String body(NoticeKind kind) {
        String first = switch (kind) {
            case NEW_TODO -> "${recipient.name}, " + TICKET + " waits for you<#if ticket.state?has_content> at "
                    + "${ticket.state}</#if> (${event.headline?lower_case}).";
            case ENDED -> TICKET + " is ${event.headline?lower_case}.";
            case REJECTED -> TICKET + " was rejected<#if ticket.state?has_content>; it is at ${ticket.state}</#if>.";
            case WITHDRAWN -> TICKET + " was withdrawn by its creator; nothing waits for you any more.";
            case REMIND -> "Reminder: " + TICKET + " still waits for you<#if ticket.state?has_content> at "
                    + "${ticket.state}</#if>.";
            case CC -> TICKET + " is copied to you for your information.";
            case HOOK_FAILED -> "The system called for " + TICKET + " could not be reached after every attempt; "
                    + "it waits at ${ticket.state} until the call is retried.";
            case SLA_BREACHED -> "The deadline of " + TICKET + " at ${ticket.state} has passed.";
        };
        return first + "\n" + BY + LINK;
    }
}
