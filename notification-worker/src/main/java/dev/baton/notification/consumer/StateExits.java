package dev.baton.notification.consumer;

import dev.baton.api.ticket.event.TicketClosed;
import dev.baton.api.ticket.event.TicketDeleted;
import dev.baton.api.ticket.event.TicketEvent;
import dev.baton.api.ticket.event.TicketHandled;
import dev.baton.api.ticket.event.TicketJumped;
import dev.baton.api.ticket.event.TicketMigrated;
import dev.baton.api.ticket.event.TicketSentBack;
import dev.baton.api.ticket.event.TicketWithdrawn;

/** The events after which what a ticket's state asked for (its timers, its hook call) no longer applies. */
public final class StateExits {
    private StateExits() {
    }

    public static boolean leaves(TicketEvent event) {
        return event instanceof TicketHandled || event instanceof TicketJumped || event instanceof TicketWithdrawn
                || event instanceof TicketSentBack || event instanceof TicketClosed || event instanceof TicketDeleted
                || event instanceof TicketMigrated;
    }
}
