package dev.baton.api.ticket.command;

/**
 * A command on an existing ticket. {@code expectedVersion}, when set, makes the command fail with a conflict unless
 * the ticket is still at that version (optimistic concurrency for clients that showed the user a given state).
 */
public interface TicketCommand {
    String ticketId();

    String actor();

    /** The caller application that sent the command. */
    String appId();

    Long expectedVersion();
}
