package dev.baton.api.ticket.command;

import java.util.List;

/**
 * An admin takes the current state's work from whoever has it and gives it to {@code to}; with {@code to} empty, the
 * state's participant rule is resolved afresh against today's directory (re-resolve).
 */
public record ReassignTicket(String ticketId, String actor, String appId, List<String> to, String reason,
                             Long expectedVersion) implements TicketCommand {
    public ReassignTicket {
        to = to == null ? List.of() : List.copyOf(to);
    }
}
