package dev.baton.api.ticket.event;

import dev.baton.api.ticket.ChildOutcome;

import java.time.Instant;

/** A child ticket of this one ended (or could not be started, {@code FAILED}, with the {@code reason}). */
public record ChildEnded(String ticketId, String actor, Instant at, String child, ChildOutcome outcome,
                         String reason) implements TicketEvent {
}
