package dev.baton.api.ticket.event;

import dev.baton.api.ticket.Assignment;
import dev.baton.api.ticket.StateRef;

import java.time.Instant;
import java.util.Map;

/**
 * An admin moved the ticket from version {@code fromVersion} of its workflow to {@code toVersion}, from state
 * {@code from} to its counterpart {@code to}; {@code assignment} is who must act there (unchanged when the state
 * kept its key, resolved afresh otherwise). {@code stateMapping} is the whole mapping used, old key to new key, so
 * that earlier states of the ticket can be followed into the new version.
 */
public record TicketMigrated(String ticketId, String actor, Instant at, int fromVersion, int toVersion, StateRef from,
                             StateRef to, String reason, Assignment assignment, Map<String, String> stateMapping)
        implements TicketEvent {
    public TicketMigrated {
        stateMapping = stateMapping == null ? Map.of() : Map.copyOf(stateMapping);
    }
}
