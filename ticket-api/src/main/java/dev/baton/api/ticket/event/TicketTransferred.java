package dev.baton.api.ticket.event;

import dev.baton.api.ticket.Assignment;

import java.time.Instant;

/** The acting handler handed their part of the ticket to {@code to}. */
public record TicketTransferred(String ticketId, String actor, Instant at, String to, String comment,
                                Assignment assignment) implements TicketEvent {
}
