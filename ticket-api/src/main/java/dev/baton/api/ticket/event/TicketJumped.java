package dev.baton.api.ticket.event;

import dev.baton.api.ticket.Assignment;
import dev.baton.api.ticket.StateRef;
import dev.baton.api.ticket.TicketStatus;

import java.time.Instant;

/** An admin moved the ticket from {@code from} to {@code to} outside its transitions, for {@code reason}. */
public record TicketJumped(String ticketId, String actor, Instant at, StateRef from, StateRef to, String reason,
                           Assignment assignment, TicketStatus status) implements TicketEvent {
}
