package dev.baton.api.ticket.event;

import java.time.Instant;
import java.util.List;

/** {@code to} were copied on the ticket for their information (CC). */
public record TicketCopied(String ticketId, String actor, Instant at, List<String> to, String comment)
        implements TicketEvent {
    public TicketCopied {
        to = to == null ? List.of() : List.copyOf(to);
    }
}
