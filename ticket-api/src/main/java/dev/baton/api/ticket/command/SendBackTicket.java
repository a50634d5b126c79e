package dev.baton.api.ticket.command;

/**
 * A participant sends the ticket back to a state it passed through earlier ({@code toState}). With
 * {@code resubmitToMe}, the next agreement there brings the ticket straight back to the sender's state.
 */
public record SendBackTicket(String ticketId, String actor, String appId, String toState, String comment,
                             boolean resubmitToMe, Long expectedVersion) implements TicketCommand {
}
