package dev.baton.api.ticket.event;

import dev.baton.api.ticket.Assignment;

import java.time.Instant;

/** The acting handler asked {@code to} to weigh in; the ticket returns to the actor when {@code to} finishes. */
public record SignAdded(String ticketId, String actor, Instant at, String to, String comment, Assignment assignment)
        implements TicketEvent {
}
