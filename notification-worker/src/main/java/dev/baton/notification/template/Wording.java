package dev.baton.notification.template;

import dev.baton.api.workflow.NoticeKind;
import dev.baton.notification.recipient.Action;
import dev.baton.notification.recipient.Reason;

import java.util.List;
import java.util.Map;

/**
 * Baton's own words, in the language the deployment chooses ({@code baton.notification.language}: {@code en} or
 * {@code zh}): the default templates, the short phrase of each reason ({@code event.headline}) and the names of the
 * actions that are not a workflow's transitions ({@code event.action}). A workflow's transition names are its own.
 */
public final class Wording {
    public static final List<String> LANGUAGES = List.of("en", "zh");

    private static final Map<Reason, String> EN_HEADLINES = Map.ofEntries(
            Map.entry(Reason.ASSIGNED, "Waiting for you"), Map.entry(Reason.OFFERED, "Offered to you"),
            Map.entry(Reason.TRANSFERRED, "Transferred to you"), Map.entry(Reason.SIGN_REQUESTED, "Your opinion is asked"),
            Map.entry(Reason.SIGN_RETURNED, "Back with you"), Map.entry(Reason.SENT_BACK, "Sent back to you"),
            Map.entry(Reason.COPIED, "For your information"), Map.entry(Reason.REMINDED, "Reminder"),
            Map.entry(Reason.SLA_BREACHED, "Deadline passed"), Map.entry(Reason.ENDED, "Finished"),
            Map.entry(Reason.CLOSED, "Closed"), Map.entry(Reason.REJECTED, "Rejected"),
            Map.entry(Reason.WITHDRAWN, "Withdrawn"), Map.entry(Reason.HOOK_FAILED, "A system failed"));
    private static final Map<Reason, String> ZH_HEADLINES = Map.ofEntries(
            Map.entry(Reason.ASSIGNED, "待您处理"), Map.entry(Reason.OFFERED, "待您认领"),
            Map.entry(Reason.TRANSFERRED, "转交给您"), Map.entry(Reason.SIGN_REQUESTED, "请您加签"),
            Map.entry(Reason.SIGN_RETURNED, "加签已完成"), Map.entry(Reason.SENT_BACK, "退回给您"),
            Map.entry(Reason.COPIED, "抄送给您"), Map.entry(Reason.REMINDED, "催办提醒"),
            Map.entry(Reason.SLA_BREACHED, "已超时"), Map.entry(Reason.ENDED, "已完成"),
            Map.entry(Reason.CLOSED, "已关闭"), Map.entry(Reason.REJECTED, "被驳回"),
            Map.entry(Reason.WITHDRAWN, "已撤回"), Map.entry(Reason.HOOK_FAILED, "外部系统调用失败"));
    private static final Map<Action, String> ZH_ACTIONS = Map.ofEntries(
            Map.entry(Action.CREATE, "创建"), Map.entry(Action.TRANSFER, "转交"), Map.entry(Action.ADD_SIGN, "加签"),
            Map.entry(Action.FINISH_SIGN, "完成加签"), Map.entry(Action.RELEASE, "释放"),
            Map.entry(Action.SEND_BACK, "退回"), Map.entry(Action.REASSIGN, "改派"), Map.entry(Action.JUMP, "跳转"),
            Map.entry(Action.CC, "抄送"), Map.entry(Action.REMIND, "催办"), Map.entry(Action.ESCALATE, "升级"),
            Map.entry(Action.CLOSE, "关闭"), Map.entry(Action.WITHDRAW, "撤回"), Map.entry(Action.HOOK, "调用外部系统"),
            Map.entry(Action.of(null), "处理"));

    private static final String EN_SUBJECT = "<#if ticket.serialNo?has_content>[${ticket.serialNo}] </#if>"
            + "${ticket.title}: ${event.headline}";
    private static final String EN_TICKET = "${ticket.workflowName} \"${ticket.title}\""
            + "<#if ticket.serialNo?has_content> (${ticket.serialNo})</#if>";
    private static final String EN_BY = "<#if event.actorName?has_content && event.actor != 'baton'>"
            + "${event.actorName}: ${event.action}</#if>"
            + "<#if event.comment?has_content> – ${event.comment}</#if>";
    private static final String ZH_SUBJECT = "<#if ticket.serialNo?has_content>[${ticket.serialNo}] </#if>"
            + "${ticket.title}：${event.headline}";
    private static final String ZH_TICKET = "${ticket.workflowName}「${ticket.title}」"
            + "<#if ticket.serialNo?has_content>（${ticket.serialNo}）</#if>";
    private static final String ZH_BY = "<#if event.actorName?has_content && event.actor != 'baton'>"
            + "${event.actorName}：${event.action}</#if>"
            + "<#if event.comment?has_content> – ${event.comment}</#if>";
    private static final String LINK = "<#if ticket.url?has_content>\n${ticket.url}</#if>";

    private final boolean zh;

    public Wording(String language) {
        if (!LANGUAGES.contains(language)) {
            throw new IllegalArgumentException("Expected baton.notification.language to be one of " + LANGUAGES
                    + ", but got '" + language + "'");
        }
        this.zh = language.equals("zh");
    }

    public String headline(Reason reason) {
        return (zh ? ZH_HEADLINES : EN_HEADLINES).get(reason);
    }

    public String action(Action action) {
        return zh ? ZH_ACTIONS.getOrDefault(action, action.name()) : action.name();
    }

    public String subject(NoticeKind kind) {
        return zh ? ZH_SUBJECT : EN_SUBJECT;
    }

    public String body(NoticeKind kind) {
        return (zh ? zhFirst(kind) + "\n" + ZH_BY : enFirst(kind) + "\n" + EN_BY) + LINK;
    }

    private static String enFirst(NoticeKind kind) {
        return switch (kind) {
            case NEW_TODO -> "${recipient.name}, " + EN_TICKET + " waits for you<#if ticket.state?has_content> at "
                    + "${ticket.state}</#if> (${event.headline?lower_case}).";
            case ENDED -> EN_TICKET + " is ${event.headline?lower_case}.";
            case REJECTED -> EN_TICKET + " was rejected<#if ticket.state?has_content>; it is at ${ticket.state}</#if>.";
            case WITHDRAWN -> EN_TICKET + " was withdrawn by its creator; nothing waits for you any more.";
            case REMIND -> "Reminder: " + EN_TICKET + " still waits for you<#if ticket.state?has_content> at "
                    + "${ticket.state}</#if>.";
            case CC -> EN_TICKET + " is copied to you for your information.";
            case HOOK_FAILED -> "The system called for " + EN_TICKET + " could not be reached after every attempt; "
                    + "it waits at ${ticket.state} until the call is retried.";
            case SLA_BREACHED -> "The deadline of " + EN_TICKET + " at ${ticket.state} has passed.";
        };
    }

    private static String zhFirst(NoticeKind kind) {
        return switch (kind) {
            case NEW_TODO -> "${recipient.name}，" + ZH_TICKET + "${event.headline}"
                    + "<#if ticket.state?has_content>，当前环节：${ticket.state}</#if>。";
            case ENDED -> ZH_TICKET + "${event.headline}。";
            case REJECTED -> ZH_TICKET + "被驳回<#if ticket.state?has_content>，当前环节：${ticket.state}</#if>。";
            case WITHDRAWN -> ZH_TICKET + "已被发起人撤回，无需您再处理。";
            case REMIND -> "提醒：" + ZH_TICKET + "仍在等待您处理<#if ticket.state?has_content>（${ticket.state}）</#if>。";
            case CC -> ZH_TICKET + "抄送给您，仅供知悉。";
            case HOOK_FAILED -> ZH_TICKET + "调用的外部系统多次尝试后仍无法访问，工单停留在${ticket.state}，等待重试。";
            case SLA_BREACHED -> ZH_TICKET + "在${ticket.state}环节已超过处理时限。";
        };
    }
}
