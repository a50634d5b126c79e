package dev.baton.api.ticket.command;

import dev.baton.api.ticket.ChildOutcome;

/** Tell a parent ticket how one of its children ended; sent by ticket-command itself, never by a caller. */
public record RecordChildOutcome(String ticketId, String child, ChildOutcome outcome, String reason)
        implements SystemCommand {
}
