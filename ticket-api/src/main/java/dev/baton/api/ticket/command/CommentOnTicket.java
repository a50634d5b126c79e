package dev.baton.api.ticket.command;

public record CommentOnTicket(String ticketId, String actor, String appId, String comment, Long expectedVersion)
        implements TicketCommand {
}
