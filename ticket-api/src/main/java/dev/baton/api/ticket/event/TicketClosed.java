package dev.baton.api.ticket.event;

import dev.baton.api.ticket.StateRef;

import java.time.Instant;

/** The ticket was closed in {@code state}; nobody has to act on it any more. */
public record TicketClosed(String ticketId, String actor, Instant at, String reason, StateRef state)
        implements TicketEvent {
}
