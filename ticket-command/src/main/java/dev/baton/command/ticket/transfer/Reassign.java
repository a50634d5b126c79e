package dev.baton.command.ticket.transfer;

import dev.baton.api.error.BatonException;
import dev.baton.api.error.ErrorCode;
import dev.baton.api.ticket.Assignment;
import dev.baton.api.ticket.command.ReassignTicket;
import dev.baton.api.ticket.event.TicketReassigned;
import dev.baton.api.workflow.Distribution;
import dev.baton.api.workflow.StateDef;
import dev.baton.api.workflow.WorkflowDefinition;
import dev.baton.command.ticket.AssigneeChooser;
import dev.baton.command.ticket.TicketState;
import dev.baton.command.ticket.routing.Assignments;
import dev.baton.engine.DirectoryView;
import dev.baton.support.auth.CallerApps;
import dev.baton.support.replica.WorkflowCatalog;

import java.time.Clock;
import java.util.List;

import static dev.baton.command.ticket.Guards.assertActiveUsers;
import static dev.baton.command.ticket.Guards.assertAdminAction;
import static dev.baton.command.ticket.Guards.assertNotAtStart;
import static dev.baton.command.ticket.Guards.currentState;
import static dev.baton.command.ticket.Guards.definition;

/**
 * An admin giving the current state's work to others ({@code ReassignTicket} → {@code TicketReassigned}), or, naming
 * nobody, resolving the state's rule afresh; in a countersign the votes cast stand and only those still to vote are
 * replaced, and an open add-sign is dropped. For a state an external resolver names the participants of, a fresh
 * resolution asks it again (the aggregate sends the request).
 */
public final class Reassign {
    private Reassign() {
    }

    public static TicketReassigned decide(TicketState ticket, ReassignTicket cmd, WorkflowCatalog catalog,
                                          DirectoryView directory, CallerApps apps, AssigneeChooser chooser,
                                          Clock clock) {
        WorkflowDefinition definition = assertAdminAction(ticket, apps, cmd.appId(), cmd.expectedVersion(), cmd.actor(),
                cmd.reason(), catalog);
        assertNotAtStart(ticket, "reassigned");
        StateDef current = currentState(ticket, definition);
        Assignment assignment = ticket.assignment();
        boolean reresolve = cmd.to().isEmpty();
        Assignment resolved = null;
        List<String> users;
        if (reresolve) {
            resolved = Assignments.assign(ticket, definition, current, Assignments.context(ticket, ticket.fields()),
                    directory, chooser, clock);
            users = resolved.users();
        } else {
            assertActiveUsers(directory, cmd.to());
            users = cmd.to().stream().distinct().toList();
        }
        Assignment next;
        if (reresolve && Assignments.isExternal(current)) {
            next = Assignment.nobody(); // asked of the endpoint again, once reassigned
        } else if (current.distribution() == Distribution.ALL) {
            // the votes cast so far stand; only those still to vote are replaced
            List<String> pending = users.stream().filter(u -> !assignment.done().contains(u)).toList();
            if (pending.isEmpty()) {
                throw new BatonException(ErrorCode.INVALID_INPUT, "Expected someone who has not voted yet, but "
                        + users + " have all voted");
            }
            next = new Assignment(Distribution.ALL, pending, false, assignment.done(), null)
                    .keepingDelegationsOf(resolved);
        } else {
            // re-resolved, the sequence's queue and the delegations come along
            next = resolved != null ? resolved : Assignment.of(current.distribution(), users);
        }
        return new TicketReassigned(ticket.ticketId(), cmd.actor(), clock.instant(), assignment.users(), reresolve,
                cmd.reason(), next);
    }
}
