package dev.baton.api.ticket.event;

import dev.baton.api.ticket.StateRef;

import java.time.Instant;
import java.util.Map;

/**
 * The ticket arrived in a state whose participants an external resolver names: it waits there, with nobody assigned,
 * while ticket-command's resolver process asks {@code url}. It carries what the endpoint is told.
 *
 * @param requestId      this request; only its answer counts
 * @param timeoutSeconds how long the endpoint may take before the state's fallback applies
 */
public record ParticipantsRequested(String ticketId, String actor, Instant at, StateRef state, String requestId,
                                    String url, int timeoutSeconds, String workflowKey, String creator,
                                    Map<String, Object> fields) implements TicketEvent {
    public ParticipantsRequested {
        fields = fields == null ? Map.of() : Map.copyOf(fields);
    }
}
