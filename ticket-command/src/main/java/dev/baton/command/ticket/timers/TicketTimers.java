package dev.baton.command.ticket.timers;

import dev.baton.api.ticket.Assignment;
import dev.baton.api.ticket.StateRef;
import dev.baton.api.ticket.command.FireTimer;
import dev.baton.api.ticket.event.TicketEvent;
import dev.baton.api.ticket.event.TicketReassigned;
import dev.baton.api.ticket.event.TicketReminded;
import dev.baton.api.ticket.event.TimerFired;
import dev.baton.api.ticket.event.TimersScheduled;
import dev.baton.api.workflow.Distribution;
import dev.baton.api.workflow.StateDef;
import dev.baton.api.workflow.StateTimers;
import dev.baton.api.workflow.WorkflowDefinition;
import dev.baton.command.ticket.AssigneeChooser;
import dev.baton.command.ticket.Events;
import dev.baton.command.ticket.TicketState;
import dev.baton.command.ticket.handle.Move;
import dev.baton.command.ticket.routing.Assignments;
import dev.baton.engine.DirectoryView;
import dev.baton.engine.Timers;
import dev.baton.support.replica.WorkflowCatalog;

import java.time.Clock;
import java.util.List;

import static dev.baton.command.ticket.Guards.currentState;
import static dev.baton.command.ticket.Guards.definition;

/**
 * A state's timers: on arrival they are scheduled for this visit ({@code TimersScheduled}); the timer worker fires them
 * ({@code FireTimer} → {@code TimerFired}), then a time-out takes its transition, a reminder reminds who must act, and
 * an SLA breach notifies or reassigns to its escalation's users. A firing for an earlier visit, one taken already,
 * beyond a reminder's {@code times}, or for an ended ticket changes nothing.
 */
public final class TicketTimers {
    private TicketTimers() {
    }

    /** On arrival in a state with timers: each timer's id (this ticket, this visit, the timer) and due time. */
    public static void schedule(TicketState ticket, StateDef state, String actor, Clock clock, Events events) {
        int visit = ticket.timers().visit();
        List<TimersScheduled.Timer> scheduled = Timers.schedule(state.timers(), clock.instant(),
                ticket.ticketId() + "-v" + visit);
        if (!scheduled.isEmpty()) {
            events.apply(new TimersScheduled(ticket.ticketId(), actor, clock.instant(), StateRef.of(state), visit,
                    scheduled));
        }
    }

    public static void fire(TicketState ticket, FireTimer cmd, WorkflowCatalog catalog, DirectoryView directory,
                            AssigneeChooser chooser, Clock clock, Events events) {
        TimersScheduled.Timer timer = ticket.timers().timer(cmd.timerId());
        if (cmd.visit() != ticket.timers().visit() || timer == null || !ticket.status().open()
                || cmd.firing() <= ticket.timers().firings(cmd.timerId())
                || (timer.times() != null && cmd.firing() > timer.times())) {
            return; // the ticket moved on, or this firing took effect already: a stale or repeated firing
        }
        WorkflowDefinition definition = definition(ticket, catalog);
        StateDef current = currentState(ticket, definition);
        StateTimers spec = current.timers();
        if (spec == null) {
            return;
        }
        String id = ticket.ticketId();
        String system = TicketEvent.SYSTEM_ACTOR;
        switch (timer.kind()) {
            case TIMEOUT -> {
                events.apply(new TimerFired(id, system, clock.instant(), timer.timerId(), timer.kind(),
                        cmd.firing(), StateRef.of(current), List.of()));
                Move.byItself(ticket, definition, current, spec.timeout().transition(), "Timed out after "
                        + spec.timeout().after(), directory, chooser, clock, events);
            }
            case REMINDER -> {
                events.apply(new TimerFired(id, system, clock.instant(), timer.timerId(), timer.kind(),
                        cmd.firing(), StateRef.of(current), List.of()));
                if (!ticket.assignment().users().isEmpty()) {
                    events.apply(new TicketReminded(id, system, clock.instant(), ticket.assignment().users(),
                            "Reminder " + cmd.firing() + (timer.times() == null ? "" : " of " + timer.times())));
                }
            }
            case SLA -> {
                StateTimers.Escalation escalation = spec.sla().escalation();
                List<String> targets = Assignments.active(escalation.users(), directory);
                boolean reassign = escalation.kind() == StateTimers.Escalation.Kind.REASSIGN && !targets.isEmpty();
                events.apply(new TimerFired(id, system, clock.instant(), timer.timerId(), timer.kind(),
                        cmd.firing(), StateRef.of(current), reassign ? List.of() : targets));
                if (reassign) {
                    events.apply(new TicketReassigned(id, system, clock.instant(), ticket.assignment().users(),
                            false, "SLA of " + spec.sla().within() + " breached", Assignment.of(
                                    current.distribution() == Distribution.ALL ? Distribution.ALL
                                            : Distribution.ANY_ONE, targets)));
                }
            }
            default -> throw new IllegalStateException("Unknown timer kind " + timer.kind());
        }
    }
}
