package dev.baton.api.ticket;

/** Where a ticket stands as a whole. */
public enum TicketStatus {
    /** At the start state, not submitted (or sent back). */
    DRAFT,
    IN_PROGRESS,
    /** A reject-kind transition was taken last; the ticket may be at the start state waiting for resubmission. */
    REJECTED,
    /** Reached an end state. */
    FINISHED,
    CLOSED,
    /** Soft-deleted by an admin: hidden from users and lists; admins can still read it. */
    DELETED;

    public boolean open() {
        return this != FINISHED && this != CLOSED && this != DELETED;
    }
}
