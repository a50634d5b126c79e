package dev.baton.notification.hook;

import dev.baton.api.ticket.TicketStatus;
import dev.baton.api.ticket.event.TicketClosed;
import dev.baton.api.ticket.event.TicketCreated;
import dev.baton.api.ticket.event.TicketEvent;
import dev.baton.api.ticket.event.TicketHandled;
import dev.baton.api.ticket.event.TicketJumped;
import dev.baton.api.ticket.event.TicketMigrated;
import dev.baton.api.ticket.event.TicketSentBack;
import dev.baton.api.ticket.event.TicketWithdrawn;
import dev.baton.api.workflow.EventHook;
import dev.baton.api.workflow.StateType;

import java.util.ArrayList;
import java.util.List;

/** What a ticket event is, as event hooks name it. */
final class EventKinds {
    private EventKinds() {
    }

    static List<EventHook.Kind> of(TicketEvent event) {
        List<EventHook.Kind> kinds = new ArrayList<>();
        if (event instanceof TicketCreated) {
            kinds.add(EventHook.Kind.CREATED);
        } else if (event instanceof TicketHandled e) {
            if (!e.from().key().equals(e.to().key())) {
                kinds.add(EventHook.Kind.STATE_CHANGED);
            }
            if (e.to().type() == StateType.END) {
                kinds.add(EventHook.Kind.ENDED);
            }
            if (e.status() == TicketStatus.REJECTED) {
                kinds.add(EventHook.Kind.REJECTED);
            }
        } else if (event instanceof TicketJumped e) {
            kinds.add(EventHook.Kind.STATE_CHANGED);
            if (e.to().type() == StateType.END) {
                kinds.add(EventHook.Kind.ENDED);
            }
        } else if (event instanceof TicketSentBack) {
            kinds.add(EventHook.Kind.STATE_CHANGED);
        } else if (event instanceof TicketWithdrawn) {
            kinds.add(EventHook.Kind.STATE_CHANGED);
            kinds.add(EventHook.Kind.WITHDRAWN);
        } else if (event instanceof TicketMigrated e && !e.from().key().equals(e.to().key())) {
            kinds.add(EventHook.Kind.STATE_CHANGED);
        } else if (event instanceof TicketClosed) {
            kinds.add(EventHook.Kind.CLOSED);
        }
        return kinds;
    }
}
