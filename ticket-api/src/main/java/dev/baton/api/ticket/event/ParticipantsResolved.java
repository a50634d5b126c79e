package dev.baton.api.ticket.event;

import dev.baton.api.ticket.Assignment;

import java.time.Instant;

/**
 * The answer to a {@link ParticipantsRequested} arrived: {@code assignment} is who must act now. When the endpoint
 * failed, timed out or named nobody active, {@code failure} says why, and the assignment comes from the state's
 * fallback, or from the workflow's admins when the fallback names nobody.
 */
public record ParticipantsResolved(String ticketId, String actor, Instant at, String requestId, Assignment assignment,
                                   String failure) implements TicketEvent {
}
