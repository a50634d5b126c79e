package dev.baton.notification.summary;

import dev.baton.api.ticket.event.TicketCreated;

import java.util.List;
import java.util.Map;

/**
 * What notifications say about a ticket and who it concerns, as followed from its events: the creation's title,
 * serial number and workflow; the state, status and field values now; who must act now ({@code assignees}); and
 * everyone it has concerned ({@code participants}: its creator, actors, assignees and recipients), who may read its
 * delivery log.
 */
public record TicketSummary(String ticketId, String serialNo, String title, String workflowKey,
                            Integer workflowVersion, String workflowName, String creator, String stateKey,
                            String stateName, String status, Map<String, Object> fields, List<String> assignees,
                            List<String> participants, boolean ended) {
    public TicketSummary {
        fields = fields == null ? Map.of() : fields;
        assignees = assignees == null ? List.of() : List.copyOf(assignees);
        participants = participants == null ? List.of() : List.copyOf(participants);
    }

    public static TicketSummary of(TicketCreated created) {
        return new TicketSummary(created.ticketId(), created.serialNo(), created.title(), created.workflowKey(),
                created.workflowVersion(), created.workflowName(), created.actor(),
                created.state() == null ? null : created.state().key(),
                created.state() == null ? null : created.state().name(),
                created.status() == null ? null : created.status().name(), created.fields(), List.of(), List.of(),
                false);
    }

    /** For a ticket whose creation this worker never saw (e.g. it was before the topic's retention). */
    public static TicketSummary unknown(String ticketId) {
        return new TicketSummary(ticketId, null, null, null, null, null, null, null, null, null, Map.of(), List.of(),
                List.of(), false);
    }
}
