package dev.baton.api.ticket.command;

/** Hand the actor's part of the ticket to another user. */
public record TransferTicket(String ticketId, String actor, String appId, String to, String comment, Long expectedVersion)
        implements TicketCommand {
}
