package dev.baton.api.ticket.event;

import dev.baton.api.ticket.Assignment;

import java.time.Instant;

/** The user who had accepted the ticket gave it back; it is offered to the candidates again ({@code assignment}). */
public record TicketReleased(String ticketId, String actor, Instant at, String comment, Assignment assignment)
        implements TicketEvent {
}
