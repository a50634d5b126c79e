package dev.baton.command.ticket.arrival;

import dev.baton.api.ticket.StateRef;
import dev.baton.api.workflow.StateDef;
import dev.baton.command.ticket.Events;
import dev.baton.command.ticket.TicketState;
import dev.baton.command.ticket.children.Children;
import dev.baton.command.ticket.hooks.Hooks;
import dev.baton.command.ticket.resolvers.Resolvers;
import dev.baton.command.ticket.routing.Assignments;
import dev.baton.command.ticket.timers.TicketTimers;
import dev.baton.support.replica.WorkflowCatalog;

import java.time.Clock;

import static dev.baton.command.ticket.Guards.definition;

/**
 * What follows an arrival in a state by itself, after the event that moved the ticket there (a create, a handle, a
 * withdraw, a send-back, a jump): its timers are scheduled, its child tickets started, its hook called, and its
 * external resolver asked who handles it when nobody does yet. Each is its own capability's; this is their order.
 */
public final class Arrival {
    private Arrival() {
    }

    /** After a move to {@code to} in the ticket's own workflow version. */
    public static void arrived(TicketState ticket, WorkflowCatalog catalog, StateRef to, String actor, Clock clock,
                               Events events) {
        arrived(ticket, definition(ticket, catalog).state(to.key()).orElseThrow(), actor, clock, events);
    }

    public static void arrived(TicketState ticket, StateDef state, String actor, Clock clock, Events events) {
        if (state.timers() != null && ticket.status().open()) {
            TicketTimers.schedule(ticket, state, actor, clock, events);
        }
        if (state.startsChildren()) {
            Children.start(ticket, state, actor, clock, events);
        }
        if (state.hook() != null && ticket.status().open()) {
            Hooks.request(ticket, state, actor, clock, events);
        }
        if (Assignments.isExternal(state) && ticket.assignment().users().isEmpty() && ticket.status().open()) {
            Resolvers.request(ticket, state, actor, clock, events);
        }
    }
}
