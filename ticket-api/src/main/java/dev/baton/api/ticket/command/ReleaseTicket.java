package dev.baton.api.ticket.command;

/** Give an accepted ticket back to the candidates it was offered to, so that another of them can accept it. */
public record ReleaseTicket(String ticketId, String actor, String appId, String comment, Long expectedVersion)
        implements TicketCommand {
}
