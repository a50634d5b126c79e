package dev.baton.api.ticket.command;

/**
 * The timer worker says a timer is due: its {@code firing}-th firing for the ticket's arrival {@code visit}. The
 * ticket ignores a firing for another visit, one it has taken already, or one for an ended ticket.
 */
public record FireTimer(String ticketId, String timerId, int visit, int firing) implements SystemCommand {
}
