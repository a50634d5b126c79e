package dev.baton.api.ticket.event;

import java.time.Instant;

/** An admin soft-deleted the ticket: status {@code DELETED}, nobody assigned, hidden from users; nothing is erased. */
public record TicketDeleted(String ticketId, String actor, Instant at, String reason) implements TicketEvent {
}
