package dev.baton.api.ticket.command;

/**
 * An added signer answers: agrees (the default) or objects. Before the actor, the answer is advice; after the actor,
 * an objection returns the ticket to the actor with the held decision undone.
 */
public record FinishSign(String ticketId, String actor, String appId, Boolean agree, String comment,
                         Long expectedVersion) implements TicketCommand {
    public FinishSign {
        agree = agree == null || agree;
    }

    public FinishSign(String ticketId, String actor, String appId, String comment, Long expectedVersion) {
        this(ticketId, actor, appId, true, comment, expectedVersion);
    }
}
