package dev.baton.query.list;

/** Which tickets a list holds. */
public enum ListScope {
    /** Tickets waiting for the user to act. */
    TODO,
    /** Every ticket the user created, acted on or was ever assigned. */
    RELATED,
    /** Tickets the user was copied on (CC). */
    CC,
    /** Tickets the user created. */
    CREATED,
    /** Every ticket (admin callers only). */
    ALL
}
