package dev.baton.api.ticket.command;

import java.util.Map;

/**
 * Create a ticket on the latest published version of {@code workflowKey}. With a {@code transition} the ticket is
 * submitted at once (that transition must leave the start state); without one it stays a draft with the creator.
 */
public record CreateTicket(String ticketId, String serialNo, String workflowKey, String title, String actor,
                           String appId, Map<String, Object> fields, String transition, String comment) {
    public CreateTicket {
        fields = fields == null ? Map.of() : fields;
    }
}
