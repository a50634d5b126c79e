package dev.baton.api.ticket.command;

/** An admin moves the ticket to any state of its workflow, whose participants are resolved afresh. */
public record JumpTicket(String ticketId, String actor, String appId, String toState, String reason,
                         Long expectedVersion) implements TicketCommand {
}
