package dev.baton.api.ticket.event;

import dev.baton.api.ticket.Assignment;

import java.time.Instant;
import java.util.List;

/**
 * An admin took the work of the current state from {@code from} and gave it to {@code assignment}'s users, named
 * ({@code reresolved} false) or resolved afresh from the state's rule ({@code reresolved} true), for {@code reason}.
 */
public record TicketReassigned(String ticketId, String actor, Instant at, List<String> from, boolean reresolved,
                               String reason, Assignment assignment) implements TicketEvent {
    public TicketReassigned {
        from = from == null ? List.of() : List.copyOf(from);
    }
}
