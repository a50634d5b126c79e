package dev.baton.command.ticket.close;

import dev.baton.api.app.CallerApp;
import dev.baton.api.error.BatonException;
import dev.baton.api.error.ErrorCode;
import dev.baton.api.ticket.StateRef;
import dev.baton.api.ticket.command.CloseTicket;
import dev.baton.api.ticket.event.TicketClosed;
import dev.baton.api.workflow.StateType;
import dev.baton.api.workflow.WorkflowDefinition;
import dev.baton.command.ticket.TicketState;
import dev.baton.support.auth.CallerApps;
import dev.baton.support.replica.WorkflowCatalog;

import java.time.Clock;

import static dev.baton.command.ticket.Guards.MAX_COMMENT;
import static dev.baton.command.ticket.Guards.assertCallerSees;
import static dev.baton.command.ticket.Guards.assertOpen;
import static dev.baton.command.ticket.Guards.assertText;
import static dev.baton.command.ticket.Guards.currentState;
import static dev.baton.command.ticket.Guards.definition;
import static dev.baton.command.ticket.Guards.isAdmin;

/**
 * Closing a ticket ({@code CloseTicket} → {@code TicketClosed}): an admin at any time while it is open, or its creator
 * while it is still at its start state (a draft nobody else has seen). The event names the state it was closed in.
 */
public final class Close {
    private Close() {
    }

    public static TicketClosed decide(TicketState ticket, CloseTicket cmd, WorkflowCatalog catalog, CallerApps apps,
                                      Clock clock) {
        CallerApp caller = assertCallerSees(ticket, apps, cmd.appId(), cmd.expectedVersion());
        assertOpen(ticket);
        assertText("reason", cmd.reason(), MAX_COMMENT, false);
        WorkflowDefinition definition = definition(ticket, catalog);
        boolean creatorInDraft = cmd.actor().equals(ticket.creator()) && ticket.stateType() == StateType.START;
        if (!isAdmin(caller, definition, cmd.actor()) && !creatorInDraft) {
            throw new BatonException(ErrorCode.ADMIN_REQUIRED, "Expected a workflow admin, or the creator while the "
                    + "ticket is at its start state, but '" + cmd.actor() + "' is neither");
        }
        return new TicketClosed(ticket.ticketId(), cmd.actor(), clock.instant(), cmd.reason(),
                StateRef.of(currentState(ticket, definition)));
    }
}
