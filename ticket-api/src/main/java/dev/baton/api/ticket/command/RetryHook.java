package dev.baton.api.ticket.command;

/** A participant or admin asks for a failed hook to be called again. */
public record RetryHook(String ticketId, String actor, String appId, String comment, Long expectedVersion)
        implements TicketCommand {
}
