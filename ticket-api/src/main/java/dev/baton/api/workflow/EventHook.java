package dev.baton.api.workflow;

import java.util.List;

/**
 * Tells another system about a workflow's tickets: the hook worker POSTs each event of the {@code events} kinds to
 * {@code url}, signed with the secret the worker knows as {@code secret}, retried and dead-lettered like a state's
 * hook. Nothing comes back to the ticket.
 */
public record EventHook(String url, String secret, List<Kind> events, Integer timeoutSeconds, Integer attempts) {
    public EventHook {
        events = Entries.list("an event hook's events", events);
    }

    /** What happened to a ticket. */
    public enum Kind { CREATED, STATE_CHANGED, ENDED, REJECTED, WITHDRAWN, CLOSED }
}
