package dev.baton.api.workflow;

/** How the work in a state is shared among its resolved participants. */
public enum Distribution {
    /** One participant claims the ticket (accept) and then acts; with a single participant no claim is needed. */
    ACCEPT_FIRST,
    /** Any one participant may act; the first action moves the ticket. */
    ANY_ONE,
    /** Every participant must act (countersign); a reject-kind transition by anyone rejects at once. */
    ALL
}
