package dev.baton.api.ticket.event;

import dev.baton.api.ticket.Assignment;
import dev.baton.api.ticket.StateRef;
import dev.baton.api.ticket.TicketStatus;

import java.time.Instant;
import java.util.Map;

/** A ticket was created at its workflow's start state (a submitting create is followed by {@link TicketHandled}). */
public record TicketCreated(String ticketId, String serialNo, String workflowKey, int workflowVersion,
                            String workflowName, String title, String actor, String appId, Instant at,
                            Map<String, Object> fields, StateRef state, Assignment assignment,
                            TicketStatus status) implements TicketEvent {
    public TicketCreated {
        fields = fields == null ? Map.of() : Map.copyOf(fields);
    }
}
