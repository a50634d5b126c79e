package dev.baton.api.ticket.command;

import dev.baton.api.ticket.ParentRef;

import java.util.Map;

/**
 * Create a ticket on the latest published version of {@code workflowKey}. With a {@code transition} the ticket is
 * submitted at once (that transition must leave the start state); without one it stays a draft with the creator.
 * A child ticket, which ticket-command itself starts for a parent, names its {@code parent}; callers cannot.
 * The ticket's serial number is given by ticket-command once the create is accepted, not by the command.
 */
public record CreateTicket(String ticketId, String workflowKey, String title, String actor,
                           String appId, Map<String, Object> fields, String transition, String comment,
                           ParentRef parent, Map<String, Object> parentFields) {
    public CreateTicket {
        fields = fields == null ? Map.of() : fields;
        parentFields = parentFields == null ? Map.of() : parentFields;
    }

    public CreateTicket(String ticketId, String workflowKey, String title, String actor,
                        String appId, Map<String, Object> fields, String transition, String comment) {
        this(ticketId, workflowKey, title, actor, appId, fields, transition, comment, null, Map.of());
    }
}
