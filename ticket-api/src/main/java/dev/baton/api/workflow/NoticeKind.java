package dev.baton.api.workflow;

/** The kinds of notification a workflow can word its own way (see {@link NotificationTemplate}). */
public enum NoticeKind {
    /** The ticket is now theirs to act on: assigned, offered, transferred, sent back, an add-sign asked or returned. */
    NEW_TODO,
    /** The ticket reached an end state or was closed; told to its creator. */
    ENDED,
    /** A reject transition was taken; told to its creator. */
    REJECTED,
    /** The creator withdrew the ticket; told to those who had it. */
    WITHDRAWN,
    /** A reminder, by a user or a state's reminder timer. */
    REMIND,
    /** They were copied on the ticket for their information. */
    CC,
    /** The external system of a state's hook could not be reached after every attempt; told to the admins. */
    HOOK_FAILED,
    /** A state's SLA deadline passed; told to the escalation target. */
    SLA_BREACHED
}
