package dev.baton.command.ticket.transfer;

import dev.baton.api.ticket.Assignment;
import dev.baton.api.ticket.command.TransferTicket;
import dev.baton.api.ticket.event.TicketTransferred;
import dev.baton.command.ticket.TicketState;
import dev.baton.engine.DirectoryView;
import dev.baton.support.auth.CallerApps;

import java.time.Clock;
import java.util.List;

import static dev.baton.command.ticket.Guards.MAX_COMMENT;
import static dev.baton.command.ticket.Guards.assertCallerSees;
import static dev.baton.command.ticket.Guards.assertMayHandOver;
import static dev.baton.command.ticket.Guards.assertText;

/**
 * Transferring a ticket ({@code TransferTicket} → {@code TicketTransferred}): the participant holding it hands their
 * place to another active user who is not already acting on it; the others acting with them, the votes cast and the
 * line of a sequence stay as they were.
 */
public final class Transfer {
    private Transfer() {
    }

    public static TicketTransferred decide(TicketState ticket, TransferTicket cmd, DirectoryView directory,
                                           CallerApps apps, Clock clock) {
        assertCallerSees(ticket, apps, cmd.appId(), cmd.expectedVersion());
        assertText("comment", cmd.comment(), MAX_COMMENT, false);
        assertMayHandOver(ticket, "transferred", cmd.actor(), cmd.expectedVersion(), directory, cmd.to());
        Assignment assignment = ticket.assignment();
        List<String> users = assignment.users().stream().map(u -> u.equals(cmd.actor()) ? cmd.to() : u).toList();
        return new TicketTransferred(ticket.ticketId(), cmd.actor(), clock.instant(), cmd.to(), cmd.comment(),
                new Assignment(assignment.distribution(), users, false, assignment.done(), null, assignment.queue(),
                        List.of()).keepingDelegationsOf(assignment));
    }
}
