package dev.baton.api.ticket.command;

/** The added signer gives their opinion; the ticket returns to whoever asked. */
public record FinishSign(String ticketId, String actor, String appId, String comment, Long expectedVersion)
        implements TicketCommand {
}
