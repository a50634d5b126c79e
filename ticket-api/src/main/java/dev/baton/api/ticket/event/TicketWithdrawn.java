package dev.baton.api.ticket.event;

import dev.baton.api.ticket.Assignment;
import dev.baton.api.ticket.StateRef;

import java.time.Instant;

/**
 * The creator withdrew the ticket from {@code from}; it is back at the start state {@code to} with the creator
 * ({@code assignment}), a draft again.
 */
public record TicketWithdrawn(String ticketId, String actor, Instant at, StateRef from, StateRef to, String comment,
                              Assignment assignment) implements TicketEvent {
}
