package dev.baton.api.ticket.command;

/** Ask another user to weigh in before the actor goes on. */
public record AddSign(String ticketId, String actor, String appId, String to, String comment, Long expectedVersion)
        implements TicketCommand {
}
