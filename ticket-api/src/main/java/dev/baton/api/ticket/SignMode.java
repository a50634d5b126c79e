package dev.baton.api.ticket;

/** How several added signers share the add-sign. */
public enum SignMode {
    /** Any one of them answers for all. */
    ANY,
    /** Every one of them must answer, in any order. */
    ALL,
    /** Every one of them, one after another in the order given. */
    SEQUENTIAL
}
