package dev.baton.api.ticket;

/**
 * A child ticket as its parent shows it.
 *
 * @param outcome how it ended; null while it is open
 */
public record ChildRef(String ticketId, String workflowKey, String title, ChildOutcome outcome) {
}
