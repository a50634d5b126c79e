package dev.baton.api.ticket.command;

/** Claim a ticket offered to several candidates. */
public record AcceptTicket(String ticketId, String actor, String appId, Long expectedVersion) implements TicketCommand {
}
