package dev.baton.api.workflow;

/** How the work in a state is shared among its resolved participants. */
public enum Distribution {
    /** One participant claims the ticket (accept) and then acts; with a single participant no claim is needed. */
    ACCEPT_FIRST,
    /** Any one participant may act; the first action moves the ticket. */
    ANY_ONE,
    /** Every participant acts (countersign); the state's {@link Countersign} policy decides when the ticket moves. */
    ALL,
    /**
     * Every participant must agree, one after another in the rule's order; each gets the ticket when the one before
     * has agreed, and a reject-kind transition by anyone rejects at once.
     */
    SEQUENTIAL,
    /** One participant, drawn at random when the ticket arrives, gets the ticket alone. */
    RANDOM,
    /** One participant gets the ticket alone, taking turns per workflow and state in the rule's order. */
    ROUND_ROBIN,
    /** The participant with the fewest open todos (any workflow) gets the ticket alone; ties go by the rule's order. */
    LEAST_LOADED;

    /** Whether one participant is chosen from the resolved ones when the ticket arrives. */
    public boolean choosesOne() {
        return this == RANDOM || this == ROUND_ROBIN || this == LEAST_LOADED;
    }
}
