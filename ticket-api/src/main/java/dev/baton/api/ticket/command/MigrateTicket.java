package dev.baton.api.ticket.command;

import java.util.Map;

/**
 * An admin moves an open ticket to a newer version of its workflow. {@code stateMapping} maps old state keys to new
 * ones; a state it does not name keeps its key, which must then exist in the new version.
 */
public record MigrateTicket(String ticketId, String actor, String appId, int toVersion,
                            Map<String, String> stateMapping, String reason, Long expectedVersion)
        implements TicketCommand {
    public MigrateTicket {
        stateMapping = stateMapping == null ? Map.of() : Map.copyOf(stateMapping);
    }
}
