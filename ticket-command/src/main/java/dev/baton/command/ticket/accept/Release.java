package dev.baton.command.ticket.accept;

import dev.baton.api.error.BatonException;
import dev.baton.api.error.ErrorCode;
import dev.baton.api.ticket.Assignment;
import dev.baton.api.ticket.command.ReleaseTicket;
import dev.baton.api.ticket.event.TicketReleased;
import dev.baton.command.ticket.TicketState;
import dev.baton.engine.DirectoryView;
import dev.baton.support.auth.CallerApps;

import java.time.Clock;
import java.util.List;

import static dev.baton.command.ticket.Guards.MAX_COMMENT;
import static dev.baton.command.ticket.Guards.assertCallerSees;
import static dev.baton.command.ticket.Guards.assertNoOpenAddSign;
import static dev.baton.command.ticket.Guards.assertOpen;
import static dev.baton.command.ticket.Guards.assertParticipant;
import static dev.baton.command.ticket.Guards.assertText;

/**
 * Releasing an accepted ticket ({@code ReleaseTicket} → {@code TicketReleased}): the user who accepted it from a pool
 * offers it again to the pool's candidates that are still active, themselves included; refused when nobody else is
 * left to take it.
 */
public final class Release {
    private Release() {
    }

    public static TicketReleased decide(TicketState ticket, ReleaseTicket cmd, DirectoryView directory,
                                        CallerApps apps, Clock clock) {
        assertCallerSees(ticket, apps, cmd.appId(), cmd.expectedVersion());
        assertOpen(ticket);
        assertText("comment", cmd.comment(), MAX_COMMENT, false);
        assertNoOpenAddSign(ticket);
        assertParticipant(ticket, cmd.actor(), cmd.expectedVersion());
        Assignment assignment = ticket.assignment();
        if (assignment.pool().isEmpty()) {
            throw new BatonException(ErrorCode.WRONG_STATE, "Expected a ticket accepted from several candidates, but "
                    + (assignment.awaitingAccept() ? "nobody has accepted it yet" : "it was assigned to "
                    + assignment.users() + " directly"));
        }
        List<String> candidates = assignment.pool().stream()
                .filter(u -> u.equals(cmd.actor()) || directory.user(u).filter(d -> d.active()).isPresent()).toList();
        if (candidates.size() < 2) {
            throw new BatonException(ErrorCode.WRONG_STATE, "Expected another active candidate to take the ticket "
                    + "over, but of " + assignment.pool() + " only '" + cmd.actor() + "' is left");
        }
        return new TicketReleased(ticket.ticketId(), cmd.actor(), clock.instant(), cmd.comment(),
                new Assignment(assignment.distribution(), candidates, true, List.of(), null)
                        .keepingDelegationsOf(assignment));
    }
}
