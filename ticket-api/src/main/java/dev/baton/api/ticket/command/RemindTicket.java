package dev.baton.api.ticket.command;

/** Nudge whoever must act now; the notification path delivers the reminder. */
public record RemindTicket(String ticketId, String actor, String appId, String comment, Long expectedVersion)
        implements TicketCommand {
}
