package dev.baton.query.list;

import dev.baton.api.ticket.StateRef;
import dev.baton.api.ticket.TicketStatus;

import java.time.Instant;
import java.util.List;

/** One ticket as lists show it. {@code participants} are the users who must act now. */
public record TicketSummary(String ticketId, String serialNo, String title, String workflowKey, String workflowName,
                            StateRef state, TicketStatus status, String creator, List<String> participants,
                            boolean awaitingAccept, Instant createdAt, Instant updatedAt, long version) {
}
