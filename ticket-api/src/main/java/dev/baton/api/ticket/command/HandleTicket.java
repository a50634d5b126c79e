package dev.baton.api.ticket.command;

import java.util.Map;

/** Take {@code transition} from the ticket's current state, setting field values and leaving a comment. */
public record HandleTicket(String ticketId, String actor, String appId, String transition, Map<String, Object> fields,
                           String comment, Long expectedVersion) implements TicketCommand {
    public HandleTicket {
        fields = fields == null ? Map.of() : fields;
    }
}
