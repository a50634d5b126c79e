package dev.baton.command.ticket.jump;

import dev.baton.api.error.BatonException;
import dev.baton.api.error.ErrorCode;
import dev.baton.api.ticket.StateRef;
import dev.baton.api.ticket.TicketStatus;
import dev.baton.api.ticket.command.JumpTicket;
import dev.baton.api.ticket.event.TicketJumped;
import dev.baton.api.workflow.StateDef;
import dev.baton.api.workflow.WorkflowDefinition;
import dev.baton.command.ticket.AssigneeChooser;
import dev.baton.command.ticket.TicketState;
import dev.baton.command.ticket.routing.Assignments;
import dev.baton.engine.DirectoryView;
import dev.baton.support.auth.CallerApps;
import dev.baton.support.replica.WorkflowCatalog;

import java.time.Clock;

import static dev.baton.command.ticket.Guards.assertAdminAction;
import static dev.baton.command.ticket.Guards.currentState;
import static dev.baton.command.ticket.Guards.definition;

/**
 * An admin moving a ticket to any other state ({@code JumpTicket} → {@code TicketJumped}), with a reason: its
 * participants are resolved afresh there, and it is a draft at the start state and finished at an end state. The
 * aggregate then arrives at that state as after any move.
 */
public final class Jump {
    private Jump() {
    }

    public static TicketJumped decide(TicketState ticket, JumpTicket cmd, WorkflowCatalog catalog,
                                      DirectoryView directory, CallerApps apps, AssigneeChooser chooser, Clock clock) {
        WorkflowDefinition definition = assertAdminAction(ticket, apps, cmd.appId(), cmd.expectedVersion(), cmd.actor(),
                cmd.reason(), catalog);
        StateDef target = definition.state(cmd.toState() == null ? "" : cmd.toState()).orElseThrow(() ->
                new BatonException(ErrorCode.INVALID_INPUT, "Expected one of the states "
                        + definition.states().stream().map(StateDef::key).toList() + ", but got '" + cmd.toState()
                        + "'"));
        if (target.key().equals(ticket.stateKey())) {
            throw new BatonException(ErrorCode.INVALID_INPUT,
                    "Expected a state other than the current one, but got '" + ticket.stateKey() + "'");
        }
        TicketStatus after = switch (target.type()) {
            case START -> TicketStatus.DRAFT;
            case END -> TicketStatus.FINISHED;
            case NORMAL -> TicketStatus.IN_PROGRESS;
        };
        return new TicketJumped(ticket.ticketId(), cmd.actor(), clock.instant(),
                StateRef.of(currentState(ticket, definition)), StateRef.of(target), cmd.reason(),
                Assignments.assign(ticket, definition, target, Assignments.context(ticket, ticket.fields()), directory,
                        chooser, clock),
                after);
    }
}
