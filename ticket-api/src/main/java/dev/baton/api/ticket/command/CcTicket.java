package dev.baton.api.ticket.command;

import java.util.List;

/** Copy users on a ticket for their information: they see it in their CC list and may read it, not act on it. */
public record CcTicket(String ticketId, String actor, String appId, List<String> to, String comment,
                       Long expectedVersion) implements TicketCommand {
    public CcTicket {
        to = to == null ? List.of() : List.copyOf(to);
    }
}
