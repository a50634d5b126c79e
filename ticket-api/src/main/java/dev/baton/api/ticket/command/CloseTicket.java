package dev.baton.api.ticket.command;

/** Close a ticket: its creator while it is a draft, a workflow admin or an admin caller at any time. */
public record CloseTicket(String ticketId, String actor, String appId, String reason, Long expectedVersion)
        implements TicketCommand {
}
