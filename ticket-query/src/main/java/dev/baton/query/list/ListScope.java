package dev.baton.query.list;

/** Which tickets a list holds. */
public enum ListScope {
    /** Tickets waiting for the user to act. */
    TODO,
    /** Every ticket the user created, acted on or was ever assigned. */
    RELATED,
    /** Tickets the user was copied on (CC). */
    CC,
    /**
     * Tickets the user worked on: handled (a creator's submission included), voted on, accepted, released,
     * transferred, asked someone to sign, signed, sent back or withdrew. Comments, CCs, reminders, field edits,
     * closing and admins' interventions do not count.
     */
    WORKED,
    /** Tickets the user created. */
    CREATED,
    /** Every ticket (admin callers only). */
    ALL
}
