package dev.baton.api.ticket.event;

import java.time.Instant;
import java.util.List;

/** {@code actor} reminded {@code users}, who must act on the ticket now. */
public record TicketReminded(String ticketId, String actor, Instant at, List<String> users, String comment)
        implements TicketEvent {
    public TicketReminded {
        users = users == null ? List.of() : List.copyOf(users);
    }
}
