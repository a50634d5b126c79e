package dev.baton.notification.recipient;

/** Why the recipients of a notification are told. */
public enum Reason {
    /** The ticket is now theirs to act on. */
    ASSIGNED,
    /** The ticket is offered to several candidates; one of them must accept it first ("offered to you"). */
    OFFERED,
    /** A handler handed their part of the ticket to them. */
    TRANSFERRED,
    /** A handler asked them to weigh in (add-sign). */
    SIGN_REQUESTED,
    /** The signer they asked has finished; the ticket is back with them. */
    SIGN_RETURNED,
    /** A later participant sent the ticket back to them. */
    SENT_BACK,
    /** They were copied on the ticket for their information; nothing to do. */
    COPIED,
    /** Someone reminded them that the ticket waits for them. */
    REMINDED,
    /** A state's deadline passed; they are its escalation target. */
    SLA_BREACHED
}
