package dev.baton.command.ticket.addsign;

import dev.baton.api.ticket.Assignment;
import dev.baton.api.ticket.SignPosition;
import dev.baton.api.ticket.TransitionRef;
import dev.baton.api.ticket.event.SignAdded;

/**
 * While an add-sign before or after a participant is open: the assignment the ticket returns to, and for one after a
 * participant, that participant's decision, taken once the signers agree.
 */
public final class OpenSign {
    private Assignment suspended;
    private TransitionRef held;

    public Assignment suspended() {
        return suspended;
    }

    public TransitionRef held() {
        return held;
    }

    /** {@code before}: who had the ticket when the signers were added. */
    public void added(SignAdded e, Assignment before) {
        if (e.position() != SignPosition.PARALLEL) {
            suspended = before;
            held = e.transition();
        }
    }

    public void close() {
        suspended = null;
        held = null;
    }
}
