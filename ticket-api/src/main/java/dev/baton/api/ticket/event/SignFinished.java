package dev.baton.api.ticket.event;

import dev.baton.api.ticket.Assignment;

import java.time.Instant;

/** The added signer gave their opinion; {@code assignment} is the one restored from before the add-sign. */
public record SignFinished(String ticketId, String actor, Instant at, String returnedTo, String comment,
                           Assignment assignment) implements TicketEvent {
}
