package dev.baton.api.ticket.command;

import java.util.List;

/**
 * The external resolver's answer to a request: the users it named, or why there are none ({@code failure}: an
 * error, a time-out, an unreadable answer). Sent by ticket-command's resolver process, never by a caller.
 */
public record ResolveParticipants(String ticketId, String requestId, List<String> users, String failure)
        implements SystemCommand {
    public ResolveParticipants {
        users = users == null ? List.of() : List.copyOf(users);
    }
}
