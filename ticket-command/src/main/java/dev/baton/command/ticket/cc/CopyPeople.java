package dev.baton.command.ticket.cc;

import dev.baton.api.app.CallerApp;
import dev.baton.api.error.BatonException;
import dev.baton.api.error.ErrorCode;
import dev.baton.api.ticket.command.CcTicket;
import dev.baton.api.ticket.event.TicketCopied;
import dev.baton.command.ticket.TicketState;
import dev.baton.engine.DirectoryView;
import dev.baton.support.auth.CallerApps;
import dev.baton.support.replica.WorkflowCatalog;

import java.time.Clock;

import static dev.baton.command.ticket.Guards.MAX_COMMENT;
import static dev.baton.command.ticket.Guards.assertActiveUsers;
import static dev.baton.command.ticket.Guards.assertCallerSees;
import static dev.baton.command.ticket.Guards.assertText;
import static dev.baton.command.ticket.Guards.definition;
import static dev.baton.command.ticket.Guards.isAdmin;

/**
 * Copying people on a ticket ({@code CcTicket} → {@code TicketCopied}): anyone related to the ticket, or an admin,
 * copies 1 to {@value #MAX_CC} active users, with a comment; also after the ticket ended. The copied users may read
 * the ticket from then on (the state's evolution adds them to those involved).
 */
public final class CopyPeople {
    public static final int MAX_CC = 50;

    private CopyPeople() {
    }

    public static TicketCopied decide(TicketState ticket, CcTicket cmd, WorkflowCatalog catalog,
                                      DirectoryView directory, CallerApps apps, Clock clock) {
        CallerApp caller = assertCallerSees(ticket, apps, cmd.appId(), cmd.expectedVersion());
        assertText("comment", cmd.comment(), MAX_COMMENT, false);
        if (!ticket.involved().contains(cmd.actor()) && !isAdmin(caller, definition(ticket, catalog), cmd.actor())) {
            throw new BatonException(ErrorCode.NOT_ALLOWED_TO_VIEW,
                    "Expected a user related to the ticket, but '" + cmd.actor() + "' is not");
        }
        if (cmd.to().isEmpty() || cmd.to().size() > MAX_CC) {
            throw new BatonException(ErrorCode.INVALID_INPUT,
                    "Expected 1 to " + MAX_CC + " users to copy, but got " + cmd.to().size());
        }
        assertActiveUsers(directory, cmd.to());
        return new TicketCopied(ticket.ticketId(), cmd.actor(), clock.instant(), cmd.to().stream().distinct().toList(),
                cmd.comment());
    }
}
