package dev.baton.api.ticket.event;

import java.time.Instant;

public record CommentAdded(String ticketId, String actor, Instant at, String comment) implements TicketEvent {
}
