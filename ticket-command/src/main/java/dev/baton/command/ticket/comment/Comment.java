package dev.baton.command.ticket.comment;

import dev.baton.api.app.CallerApp;
import dev.baton.api.error.BatonException;
import dev.baton.api.error.ErrorCode;
import dev.baton.api.ticket.command.CommentOnTicket;
import dev.baton.api.ticket.event.CommentAdded;
import dev.baton.api.workflow.WorkflowDefinition;
import dev.baton.command.ticket.TicketState;
import dev.baton.support.auth.CallerApps;
import dev.baton.support.replica.WorkflowCatalog;

import java.time.Clock;

import static dev.baton.command.ticket.Guards.MAX_COMMENT;
import static dev.baton.command.ticket.Guards.assertCallerSees;
import static dev.baton.command.ticket.Guards.assertText;
import static dev.baton.command.ticket.Guards.definition;
import static dev.baton.command.ticket.Guards.isAdmin;

/**
 * Commenting on a ticket ({@code CommentOnTicket} → {@code CommentAdded}): a non-blank comment, by anyone who may read
 * the ticket (anyone, unless the workflow restricts viewing: then those involved and admins); also after it ended.
 */
public final class Comment {
    private Comment() {
    }

    public static CommentAdded decide(TicketState ticket, CommentOnTicket cmd, WorkflowCatalog catalog,
                                      CallerApps apps, Clock clock) {
        CallerApp caller = assertCallerSees(ticket, apps, cmd.appId(), cmd.expectedVersion());
        assertText("comment", cmd.comment(), MAX_COMMENT, true);
        WorkflowDefinition definition = definition(ticket, catalog);
        boolean mayView = !definition.restrictView() || ticket.involved().contains(cmd.actor())
                || isAdmin(caller, definition, cmd.actor());
        if (!mayView) {
            throw new BatonException(ErrorCode.NOT_ALLOWED_TO_VIEW,
                    "Expected a user related to the ticket, but '" + cmd.actor() + "' is not");
        }
        return new CommentAdded(ticket.ticketId(), cmd.actor(), clock.instant(), cmd.comment().strip());
    }
}
