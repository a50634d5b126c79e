package dev.baton.notification.summary;

import dev.baton.api.ticket.event.TicketClosed;
import dev.baton.api.ticket.event.TicketEvent;
import dev.baton.api.ticket.event.TicketHandled;
import dev.baton.api.workflow.StateType;

/**
 * Which events end a ticket, after which no event of it notifies anyone, so its summary is no longer needed:
 * {@link TicketClosed}, and a {@link TicketHandled} into an end state (finished, or rejected into an end state) or
 * with a status that is no longer open. An ended ticket has nobody assigned, so it can only be commented on or closed,
 * neither of which notifies.
 */
public final class TicketEnd {
    private TicketEnd() {
    }

    public static boolean endedBy(TicketEvent event) {
        if (event instanceof TicketClosed) {
            return true;
        }
        return event instanceof TicketHandled handled
                && ((handled.to() != null && handled.to().type() == StateType.END)
                || (handled.status() != null && !handled.status().open()));
    }
}
