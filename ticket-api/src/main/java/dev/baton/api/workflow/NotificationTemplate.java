package dev.baton.api.workflow;

/**
 * How a workflow words one kind of notification, in FreeMarker (2.3) syntax over the ticket's variables
 * ({@code ticket.*}, {@code event.*}, {@code recipient.*}; see docs/workflow-language.md). A kind without a template
 * uses Baton's default wording.
 *
 * @param kind    which notifications it words
 * @param subject an email's subject, a chat message's title (one line; the default subject when blank)
 * @param body    the text
 */
public record NotificationTemplate(NoticeKind kind, String subject, String body) {
    /** Longest subject, in characters. */
    public static final int MAX_SUBJECT = 500;
    /** Longest body template, in characters. */
    public static final int MAX_BODY = 8_000;
}
