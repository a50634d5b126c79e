package dev.baton.command.ticket.resolvers;

import dev.baton.api.ticket.event.ParticipantsRequested;

/** While an external resolver is asked who handles the current state: that request. */
public final class ResolverRequest {
    private String pending;
    private int made;

    /** The request the ticket waits on; null when none. */
    public String pending() {
        return pending;
    }

    /** Requests made so far, over the ticket's life: the next request's id counts on from here. */
    public int made() {
        return made;
    }

    public void requested(ParticipantsRequested e) {
        pending = e.requestId();
        made++;
    }

    /** Answered, or the ticket arrived anywhere: no request is waited on. */
    public void clear() {
        pending = null;
    }
}
