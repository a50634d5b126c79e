package dev.baton.api.ticket.event;

import dev.baton.api.ticket.Assignment;
import dev.baton.api.ticket.StateRef;
import dev.baton.api.ticket.TicketStatus;
import dev.baton.api.ticket.TransitionRef;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A transition was taken and the ticket moved from {@code from} to {@code to} (possibly the same state).
 * {@code fields} holds the values this action set (a null value cleared the field); {@code assignment} who must
 * act next.
 */
public record TicketHandled(String ticketId, String actor, Instant at, TransitionRef transition, StateRef from,
                            StateRef to, Map<String, Object> fields, String comment, Assignment assignment,
                            TicketStatus status) implements TicketEvent {
    public TicketHandled {
        fields = fields == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }
}
