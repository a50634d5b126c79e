package dev.baton.notification.recipient;

import dev.baton.api.workflow.NoticeKind;

/** Why the recipients of a notification are told, and which kind of notification (template) that is. */
public enum Reason {
    /** The ticket is now theirs to act on. */
    ASSIGNED(NoticeKind.NEW_TODO),
    /** The ticket is offered to several candidates; one of them must accept it first ("offered to you"). */
    OFFERED(NoticeKind.NEW_TODO),
    /** A handler handed their part of the ticket to them. */
    TRANSFERRED(NoticeKind.NEW_TODO),
    /** A handler asked them to weigh in (add-sign). */
    SIGN_REQUESTED(NoticeKind.NEW_TODO),
    /** The signer they asked has finished; the ticket is back with them. */
    SIGN_RETURNED(NoticeKind.NEW_TODO),
    /** A later participant sent the ticket back to them. */
    SENT_BACK(NoticeKind.NEW_TODO),
    /** They were copied on the ticket for their information; nothing to do. */
    COPIED(NoticeKind.CC),
    /** Someone (or a state's reminder) reminded them that the ticket waits for them. */
    REMINDED(NoticeKind.REMIND),
    /** A state's deadline passed; they are its escalation target. */
    SLA_BREACHED(NoticeKind.SLA_BREACHED),
    /** Their ticket reached an end state. */
    ENDED(NoticeKind.ENDED),
    /** Their ticket was closed. */
    CLOSED(NoticeKind.ENDED),
    /** Their ticket was rejected. */
    REJECTED(NoticeKind.REJECTED),
    /** The creator withdrew a ticket they had. */
    WITHDRAWN(NoticeKind.WITHDRAWN),
    /** The system a state's hook calls could not be reached; they administer the ticket or created it. */
    HOOK_FAILED(NoticeKind.HOOK_FAILED);

    private final NoticeKind kind;

    Reason(NoticeKind kind) {
        this.kind = kind;
    }

    /** The kind of notification, which picks the template. */
    public NoticeKind kind() {
        return kind;
    }
}
