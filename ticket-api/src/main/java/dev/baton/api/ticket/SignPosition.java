package dev.baton.api.ticket;

/** Where added signers act relative to the participant who adds them. */
public enum SignPosition {
    /** They act first; the ticket then returns to the participant, who decides. */
    BEFORE,
    /** The participant decides now; the decision takes effect once they agree, and returns to the participant if one objects. */
    AFTER,
    /** They act alongside the participant, in the current state. */
    PARALLEL
}
