package dev.baton.command.ticket.sendback;

import dev.baton.api.error.BatonException;
import dev.baton.api.error.ErrorCode;
import dev.baton.api.ticket.StateRef;
import dev.baton.api.ticket.TicketStatus;
import dev.baton.api.ticket.command.SendBackTicket;
import dev.baton.api.ticket.event.TicketSentBack;
import dev.baton.api.workflow.StateDef;
import dev.baton.api.workflow.StateType;
import dev.baton.api.workflow.WorkflowDefinition;
import dev.baton.command.ticket.AssigneeChooser;
import dev.baton.command.ticket.TicketState;
import dev.baton.command.ticket.routing.Assignments;
import dev.baton.engine.DirectoryView;
import dev.baton.support.auth.CallerApps;
import dev.baton.support.replica.WorkflowCatalog;

import java.time.Clock;

import static dev.baton.command.ticket.Guards.MAX_COMMENT;
import static dev.baton.command.ticket.Guards.assertAccepted;
import static dev.baton.command.ticket.Guards.assertCallerSees;
import static dev.baton.command.ticket.Guards.assertNoOpenAddSign;
import static dev.baton.command.ticket.Guards.assertNotAtStart;
import static dev.baton.command.ticket.Guards.assertOpen;
import static dev.baton.command.ticket.Guards.assertParticipant;
import static dev.baton.command.ticket.Guards.assertText;
import static dev.baton.command.ticket.Guards.currentState;
import static dev.baton.command.ticket.Guards.definition;

/**
 * Sending a ticket back ({@code SendBackTicket} → {@code TicketSentBack}): the acting participant returns it to a
 * state it passed through, where whoever handled it last acts again if still active (else that state's rule, resolved
 * afresh); with "resubmit to me", the next agreement there brings it straight back to the sender's state
 * ({@code returnTo}). The aggregate then arrives at that state as after any move.
 */
public final class SendBack {
    private SendBack() {
    }

    public static TicketSentBack decide(TicketState ticket, SendBackTicket cmd, WorkflowCatalog catalog,
                                        DirectoryView directory, CallerApps apps, AssigneeChooser chooser,
                                        Clock clock) {
        assertCallerSees(ticket, apps, cmd.appId(), cmd.expectedVersion());
        assertText("comment", cmd.comment(), MAX_COMMENT, false);
        assertOpen(ticket);
        assertNoOpenAddSign(ticket);
        assertNotAtStart(ticket, "sent back");
        assertParticipant(ticket, cmd.actor(), cmd.expectedVersion());
        assertAccepted(ticket);
        if (cmd.toState() == null || cmd.toState().isBlank()) {
            throw new BatonException(ErrorCode.INVALID_INPUT, "Expected the state to send the ticket back to, but "
                    + "got none");
        }
        WorkflowDefinition definition = definition(ticket, catalog);
        StateDef current = currentState(ticket, definition);
        if (cmd.toState().equals(ticket.stateKey()) || !ticket.passed().contains(cmd.toState())) {
            throw new BatonException(ErrorCode.NOT_AN_EARLIER_STATE, "Expected one of the earlier states "
                    + ticket.passed().stream().filter(k -> !k.equals(ticket.stateKey())).sorted().toList()
                    + ", but got '" + cmd.toState() + "'");
        }
        StateDef target = definition.state(cmd.toState()).orElseThrow();
        return new TicketSentBack(ticket.ticketId(), cmd.actor(), clock.instant(), StateRef.of(current),
                StateRef.of(target), cmd.comment(),
                Assignments.familiarOrResolved(ticket, definition, target, Assignments.context(ticket, ticket.fields()),
                        ticket.lastHandlers().get(target.key()), directory, chooser, clock),
                target.type() == StateType.START ? TicketStatus.DRAFT : TicketStatus.IN_PROGRESS,
                cmd.resubmitToMe() ? StateRef.of(current) : null);
    }
}
