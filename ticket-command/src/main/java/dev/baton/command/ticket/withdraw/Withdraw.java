package dev.baton.command.ticket.withdraw;

import dev.baton.api.error.BatonException;
import dev.baton.api.error.ErrorCode;
import dev.baton.api.ticket.Assignment;
import dev.baton.api.ticket.StateRef;
import dev.baton.api.ticket.command.WithdrawTicket;
import dev.baton.api.ticket.event.TicketWithdrawn;
import dev.baton.api.workflow.Distribution;
import dev.baton.api.workflow.StateDef;
import dev.baton.api.workflow.WorkflowDefinition;
import dev.baton.command.ticket.TicketState;
import dev.baton.support.auth.CallerApps;
import dev.baton.support.replica.WorkflowCatalog;

import java.time.Clock;
import java.util.List;

import static dev.baton.command.ticket.Guards.MAX_COMMENT;
import static dev.baton.command.ticket.Guards.assertCallerSees;
import static dev.baton.command.ticket.Guards.assertNotAtStart;
import static dev.baton.command.ticket.Guards.assertOpen;
import static dev.baton.command.ticket.Guards.assertText;
import static dev.baton.command.ticket.Guards.currentState;
import static dev.baton.command.ticket.Guards.definition;

/**
 * Withdrawing a submitted ticket ({@code WithdrawTicket} → {@code TicketWithdrawn}): its creator takes it back to the
 * start state, while the current state allows it ({@code withdrawable}); it is a draft with the creator again. The
 * aggregate then arrives at the start state as after any move (its timers, hooks and the like).
 */
public final class Withdraw {
    private Withdraw() {
    }

    public static TicketWithdrawn decide(TicketState ticket, WithdrawTicket cmd, WorkflowCatalog catalog,
                                         CallerApps apps, Clock clock) {
        assertCallerSees(ticket, apps, cmd.appId(), cmd.expectedVersion());
        assertOpen(ticket);
        assertText("comment", cmd.comment(), MAX_COMMENT, false);
        if (!cmd.actor().equals(ticket.creator())) {
            throw new BatonException(ErrorCode.CREATOR_REQUIRED,
                    "Expected the creator '" + ticket.creator() + "', but got '" + cmd.actor() + "'");
        }
        assertNotAtStart(ticket, "withdrawn");
        WorkflowDefinition definition = definition(ticket, catalog);
        StateDef current = currentState(ticket, definition);
        if (!current.withdrawable()) {
            throw new BatonException(ErrorCode.WRONG_STATE, "Expected a state that allows the creator to withdraw, "
                    + "but state '" + current.key() + "' does not");
        }
        StateDef start = definition.startState().orElseThrow();
        return new TicketWithdrawn(ticket.ticketId(), cmd.actor(), clock.instant(), StateRef.of(current),
                StateRef.of(start), cmd.comment(), Assignment.of(Distribution.ANY_ONE, List.of(ticket.creator())));
    }
}
