package dev.baton.api.ticket.command;

/** The creator takes a submitted ticket back to the start state, where it can be edited and submitted again. */
public record WithdrawTicket(String ticketId, String actor, String appId, String comment, Long expectedVersion)
        implements TicketCommand {
}
