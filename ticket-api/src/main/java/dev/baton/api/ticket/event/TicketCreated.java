package dev.baton.api.ticket.event;

import dev.baton.api.ticket.Assignment;
import dev.baton.api.ticket.ParentRef;
import dev.baton.api.ticket.StateRef;
import dev.baton.api.ticket.TicketStatus;

import java.time.Instant;
import java.util.Map;

/**
 * A ticket was created at its workflow's start state (a submitting create is followed by {@link TicketHandled}).
 *
 * @param parent       for a child ticket: its parent and the state the parent waits in
 * @param parentFields for a child ticket: the parent's field values when it was started
 */
public record TicketCreated(String ticketId, String serialNo, String workflowKey, int workflowVersion,
                            String workflowName, String title, String actor, String appId, Instant at,
                            Map<String, Object> fields, StateRef state, Assignment assignment,
                            TicketStatus status, ParentRef parent, Map<String, Object> parentFields)
        implements TicketEvent {
    public TicketCreated {
        fields = fields == null ? Map.of() : Map.copyOf(fields);
        parentFields = parentFields == null ? Map.of() : Map.copyOf(parentFields);
    }

    public TicketCreated(String ticketId, String serialNo, String workflowKey, int workflowVersion,
                         String workflowName, String title, String actor, String appId, Instant at,
                         Map<String, Object> fields, StateRef state, Assignment assignment, TicketStatus status) {
        this(ticketId, serialNo, workflowKey, workflowVersion, workflowName, title, actor, appId, at, fields, state,
                assignment, status, null, Map.of());
    }
}
