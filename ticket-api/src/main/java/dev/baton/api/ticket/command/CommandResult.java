package dev.baton.api.ticket.command;

import dev.baton.api.ticket.StateRef;
import dev.baton.api.ticket.TicketStatus;

import java.util.List;

/**
 * What a command on a ticket led to. {@code version} is the sequence number of the ticket's last event: pass it as
 * {@code minVersion} to ticket-query to read your own write.
 */
public record CommandResult(String ticketId, String serialNo, long version, StateRef state, TicketStatus status,
                            List<String> participants, boolean awaitingAccept) {
}
