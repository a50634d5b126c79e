package dev.baton.query.projection;

/**
 * An event arrived before its predecessor. It is retried (the predecessor may still be on its way) and, if that
 * lasts, parked until the predecessor has been projected; it is never skipped.
 */
public class SequenceGapException extends RuntimeException {
    private final String ticketId;
    private final long expected;
    private final long actual;

    public SequenceGapException(String ticketId, long expected, long actual) {
        super("Expected event " + expected + " of ticket " + ticketId + ", but got event " + actual);
        this.ticketId = ticketId;
        this.expected = expected;
        this.actual = actual;
    }

    public String ticketId() { return ticketId; }

    public long expected() { return expected; }

    public long actual() { return actual; }
}
