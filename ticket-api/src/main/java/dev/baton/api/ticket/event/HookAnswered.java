package dev.baton.api.ticket.event;

import java.time.Instant;
import java.util.Map;

/**
 * The external system answered the hook ({@code success} or not, with its message and any field updates), or the
 * worker gave up after every attempt ({@code exhausted}: the ticket then waits for its participants or admins to
 * retry). A success or a reported failure is followed by the hook's transition.
 */
public record HookAnswered(String ticketId, String actor, Instant at, String hookId, boolean success,
                           boolean exhausted, String message, Map<String, Object> fields) implements TicketEvent {
    public HookAnswered {
        fields = fields == null ? Map.of() : Map.copyOf(fields);
    }
}
