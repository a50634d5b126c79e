package dev.baton.api.ticket.command;

/** An admin removes a ticket from every list and from users' sight; its events stay, and admins can still read it. */
public record DeleteTicket(String ticketId, String actor, String appId, String reason, Long expectedVersion)
        implements TicketCommand {
}
