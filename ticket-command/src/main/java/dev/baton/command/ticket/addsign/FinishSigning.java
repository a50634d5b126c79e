package dev.baton.command.ticket.addsign;

import dev.baton.api.error.BatonException;
import dev.baton.api.error.ErrorCode;
import dev.baton.api.ticket.Assignment;
import dev.baton.api.ticket.TransitionRef;
import dev.baton.api.ticket.command.FinishSign;
import dev.baton.api.ticket.event.SignFinished;
import dev.baton.api.workflow.Distribution;
import dev.baton.api.workflow.WorkflowDefinition;
import dev.baton.command.ticket.AssigneeChooser;
import dev.baton.command.ticket.Events;
import dev.baton.command.ticket.TicketState;
import dev.baton.command.ticket.handle.Move;
import dev.baton.command.ticket.routing.Assignments;
import dev.baton.engine.DirectoryView;
import dev.baton.support.auth.CallerApps;
import dev.baton.support.replica.WorkflowCatalog;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.baton.command.ticket.Guards.MAX_COMMENT;
import static dev.baton.command.ticket.Guards.assertCallerSees;
import static dev.baton.command.ticket.Guards.assertOpen;
import static dev.baton.command.ticket.Guards.assertParticipant;
import static dev.baton.command.ticket.Guards.assertText;
import static dev.baton.command.ticket.Guards.currentState;
import static dev.baton.command.ticket.Guards.definition;

/**
 * An added signer answers ({@code FinishSign} → {@code SignFinished}): while other signers must still answer (all of
 * them, or the next in turn who is still active), the ticket waits for them; otherwise the add-sign closes and the
 * ticket returns to whoever had it. After the requester, the last agreement takes the requester's held decision
 * ({@code TicketHandled}); an objection returns the ticket with nothing taken, and so does a line of signers whose
 * remaining members all left the directory, their agreement missing.
 */
public final class FinishSigning {
    private FinishSigning() {
    }

    public static void decide(TicketState ticket, FinishSign cmd, WorkflowCatalog catalog, DirectoryView directory,
                              CallerApps apps, AssigneeChooser chooser, Clock clock, Events events) {
        assertCallerSees(ticket, apps, cmd.appId(), cmd.expectedVersion());
        assertOpen(ticket);
        assertText("comment", cmd.comment(), MAX_COMMENT, false);
        Assignment assignment = ticket.assignment();
        String requestedBy = assignment.signRequestedBy();
        if (requestedBy == null) {
            throw new BatonException(ErrorCode.WRONG_STATE, "Expected an open add-sign, but there is none");
        }
        assertParticipant(ticket, cmd.actor(), cmd.expectedVersion());
        TransitionRef held = ticket.sign().held();
        boolean objection = held != null && !cmd.agree();
        List<String> done = new ArrayList<>(assignment.done());
        done.add(cmd.actor());
        Assignment waiting = null;
        if (!objection && assignment.distribution() == Distribution.ALL && assignment.users().size() > 1) {
            waiting = new Assignment(Distribution.ALL, assignment.users().stream()
                    .filter(u -> !u.equals(cmd.actor())).toList(), false, done, requestedBy);
        }
        // signers in turn: those deactivated meanwhile are passed over
        boolean lineEmptied = false;
        if (!objection && assignment.distribution() == Distribution.SEQUENTIAL && !assignment.queue().isEmpty()) {
            List<String> queue = Assignments.active(assignment.queue(), directory);
            if (queue.isEmpty()) {
                lineEmptied = true;
            } else {
                waiting = new Assignment(Distribution.SEQUENTIAL, queue.subList(0, 1), false, done, requestedBy,
                        queue.subList(1, queue.size()), List.of());
            }
        }
        if (waiting != null) {
            events.apply(new SignFinished(ticket.ticketId(), cmd.actor(), clock.instant(), requestedBy,
                    cmd.comment(), waiting, cmd.agree(), true));
            return;
        }
        events.apply(new SignFinished(ticket.ticketId(), cmd.actor(), clock.instant(), requestedBy, cmd.comment(),
                ticket.sign().suspended(), cmd.agree(), false));
        if (held != null && !objection && !lineEmptied) {
            // after the requester: every signer agreed, so the requester's decision takes effect now; when signers
            // left the directory before their turn, their agreement is missing and the requester decides again
            WorkflowDefinition definition = definition(ticket, catalog);
            Move.take(ticket, definition, currentState(ticket, definition), requestedBy, held.key(), Map.of(), null,
                    directory, chooser, clock, events);
        }
    }
}
