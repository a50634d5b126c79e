package dev.baton.api.ticket;

/** How a child ticket ended, as its parent counts it. */
public enum ChildOutcome {
    FINISHED, REJECTED, CLOSED, DELETED,
    /** It could not be started (say, its workflow is unknown or its fields do not fit). */
    FAILED;

    /** The outcome of a child that ended with {@code status}. */
    public static ChildOutcome of(TicketStatus status) {
        return switch (status) {
            case FINISHED -> FINISHED;
            case REJECTED -> REJECTED;
            case CLOSED -> CLOSED;
            case DELETED -> DELETED;
            default -> throw new IllegalArgumentException("Expected an ended status, but got " + status);
        };
    }
}
