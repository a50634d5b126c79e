package dev.baton.command.ticket.resolvers;

import dev.baton.api.ticket.StateRef;
import dev.baton.api.ticket.command.ResolveParticipants;
import dev.baton.api.ticket.event.ParticipantsRequested;
import dev.baton.api.ticket.event.ParticipantsResolved;
import dev.baton.api.ticket.event.TicketEvent;
import dev.baton.api.workflow.StateDef;
import dev.baton.api.workflow.WorkflowDefinition;
import dev.baton.command.ticket.AssigneeChooser;
import dev.baton.command.ticket.Events;
import dev.baton.command.ticket.TicketState;
import dev.baton.command.ticket.routing.Assignments;
import dev.baton.engine.DirectoryView;
import dev.baton.engine.StateParticipants;
import dev.baton.support.replica.WorkflowCatalog;

import java.time.Clock;
import java.util.List;
import java.util.Objects;

import static dev.baton.command.ticket.Guards.currentState;
import static dev.baton.command.ticket.Guards.definition;

/**
 * A state whose participants an external resolver names: on arrival, with nobody assigned, the resolver process is
 * asked ({@code ParticipantsRequested}); its answer ({@code ResolveParticipants} → {@code ParticipantsResolved})
 * assigns the active users it named, at most {@value #MAX_RESOLVED}, else the state's fallback, else the workflow's
 * admins, with the reason.
 */
public final class Resolvers {
    /** The most users an external resolver's answer may put on a ticket. */
    public static final int MAX_RESOLVED = 100;

    private Resolvers() {
    }

    /** The ticket waits in a resolving step, with nobody assigned, while the resolver process asks the endpoint. */
    public static void request(TicketState ticket, StateDef state, String actor, Clock clock, Events events) {
        events.apply(new ParticipantsRequested(ticket.ticketId(), actor, clock.instant(), StateRef.of(state),
                ticket.ticketId() + "-r" + (ticket.resolver().made() + 1), state.participants().values().get(0),
                state.participants().timeoutOrDefault(), ticket.workflowKey(), ticket.creator(), ticket.fields()));
    }

    /** The resolver process's answer; one to a request that is not the latest, or answered already, changes nothing. */
    public static void resolve(TicketState ticket, ResolveParticipants cmd, WorkflowCatalog catalog,
                               DirectoryView directory, AssigneeChooser chooser, Clock clock, Events events) {
        String pending = ticket.resolver().pending();
        if (pending == null || !pending.equals(cmd.requestId()) || !ticket.status().open()) {
            return; // answered already, or the ticket moved on: this answer is no longer wanted
        }
        WorkflowDefinition definition = definition(ticket, catalog);
        StateDef current = currentState(ticket, definition);
        List<String> users = Assignments.active(cmd.users().stream().filter(Objects::nonNull).distinct().toList(),
                directory).stream().limit(MAX_RESOLVED).toList();
        String failure = cmd.failure();
        if (users.isEmpty()) {
            failure = failure != null ? failure : "The resolver named nobody active (" + cmd.users().size()
                    + " named)";
            users = StateParticipants.fallback(definition, current, directory);
        }
        if (users.isEmpty()) {
            users = Assignments.active(definition.admins(), directory);
        }
        if (current.distribution().choosesOne() && users.size() > 1) {
            users = List.of(chooser.choose(current.distribution(), ticket.workflowKey(), current.key(), users));
        }
        events.apply(new ParticipantsResolved(ticket.ticketId(), TicketEvent.SYSTEM_ACTOR, clock.instant(),
                cmd.requestId(), Assignments.delegated(ticket, definition, current.distribution(), users, directory,
                clock), failure));
    }
}
