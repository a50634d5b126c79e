package dev.baton.notification.recipient;

import dev.baton.api.ticket.StateRef;

import java.util.List;

/**
 * Who an event must be told to and why, before the directory fills in names.
 *
 * @param usernames the recipients, distinct, in the order the event names them, never the actor
 * @param state     the ticket's state after the event, when the event carries one
 */
public record Notice(Reason reason, Action action, StateRef state, String comment, List<String> usernames) {
    public Notice {
        usernames = List.copyOf(usernames);
    }
}
