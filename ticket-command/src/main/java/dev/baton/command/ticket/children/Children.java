package dev.baton.command.ticket.children;

import dev.baton.api.ticket.StateRef;
import dev.baton.api.ticket.command.RecordChildOutcome;
import dev.baton.api.ticket.event.ChildEnded;
import dev.baton.api.ticket.event.ChildrenRequested;
import dev.baton.api.ticket.event.TicketEvent;
import dev.baton.api.workflow.ChildTickets;
import dev.baton.api.workflow.StateDef;
import dev.baton.api.workflow.WorkflowDefinition;
import dev.baton.command.ticket.AssigneeChooser;
import dev.baton.command.ticket.Events;
import dev.baton.command.ticket.TicketState;
import dev.baton.command.ticket.handle.Move;
import dev.baton.engine.Conditions;
import dev.baton.engine.DirectoryView;
import dev.baton.support.replica.WorkflowCatalog;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.baton.command.ticket.Guards.currentState;
import static dev.baton.command.ticket.Guards.definition;

/**
 * A state that starts child tickets: on arrival their start is asked for ({@code ChildrenRequested}; ticket-command's
 * children process starts them); each child's end is recorded ({@code RecordChildOutcome} → {@code ChildEnded}), and
 * when the state's condition over the outcome counts holds, or every child has ended, Baton moves the ticket on.
 */
public final class Children {
    private Children() {
    }

    /**
     * On arrival in a state that starts child tickets: their ids (this ticket's id, {@code -c} and a running number),
     * workflows, titles and values mapped from this ticket's fields.
     */
    public static void start(TicketState ticket, StateDef state, String actor, Clock clock, Events events) {
        List<ChildrenRequested.Child> batch = new ArrayList<>();
        int number = ticket.children().started();
        for (ChildTickets.Child spec : state.children().tickets()) {
            Map<String, Object> values = new LinkedHashMap<>();
            spec.fields().forEach((childField, parentField) -> {
                if (ticket.fields().get(parentField) != null) {
                    values.put(childField, ticket.fields().get(parentField));
                }
            });
            number++;
            batch.add(new ChildrenRequested.Child(ticket.ticketId() + "-c" + number, spec.workflow(),
                    spec.title() == null ? ticket.title() : spec.title(), values, spec.submit()));
        }
        events.apply(new ChildrenRequested(ticket.ticketId(), actor, clock.instant(), StateRef.of(state), batch,
                ticket.creator(), ticket.appId(), ticket.serialNo(), ticket.fields()));
    }

    /** A child of the latest batch ended; an unknown child, or one counted already, changes nothing. */
    public static void recordOutcome(TicketState ticket, RecordChildOutcome cmd, WorkflowCatalog catalog,
                                     DirectoryView directory, AssigneeChooser chooser, Clock clock, Events events) {
        if (!ticket.children().waitsFor(cmd.child())) {
            return; // not a child of the latest batch, or already counted: nothing new
        }
        events.apply(new ChildEnded(ticket.ticketId(), TicketEvent.SYSTEM_ACTOR, clock.instant(), cmd.child(),
                cmd.outcome(), cmd.reason()));
        if (!ticket.status().open() || !ticket.stateKey().equals(ticket.children().state())) {
            return; // the ticket was moved on meanwhile (say, by an admin's jump): the outcome is only noted
        }
        WorkflowDefinition definition = definition(ticket, catalog);
        StateDef current = currentState(ticket, definition);
        if (!current.startsChildren()) {
            return;
        }
        ChildTickets spec = current.children();
        Map<String, Object> counts = ticket.children().counts();
        String transition = null;
        if (spec.condition() != null && Conditions.evaluate(spec.condition(), counts)) {
            transition = spec.transition();
        } else if ((long) counts.get("open") == 0) {
            transition = spec.condition() == null ? spec.transition() : spec.otherwise();
        }
        if (transition != null) {
            Move.byItself(ticket, definition, current, transition, "children: " + counts, directory, chooser, clock,
                    events);
        }
    }
}
