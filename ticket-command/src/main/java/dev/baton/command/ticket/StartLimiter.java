package dev.baton.command.ticket;

import dev.baton.api.workflow.StartPermission;

import java.time.Instant;

/**
 * Counts the tickets each user starts per workflow, for rate-limited workflows. {@link #claim} either records one
 * more start or refuses it, atomically with the command that creates the ticket.
 */
@FunctionalInterface
public interface StartLimiter {
    /**
     * Records that {@code creator} starts ticket {@code ticketId} of {@code workflowKey} at {@code now}, unless that
     * would exceed {@code limit}; then throws a {@code RATE_LIMITED} refusal saying when the next start is possible.
     */
    void claim(String workflowKey, String creator, String ticketId, StartPermission.RateLimit limit, Instant now);
}
