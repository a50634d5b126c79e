package dev.baton.api.ticket.event;

import dev.baton.api.ticket.Assignment;

import java.time.Instant;

/** One candidate claimed the ticket; it is now theirs alone. */
public record TicketAccepted(String ticketId, String actor, Instant at, Assignment assignment) implements TicketEvent {
}
