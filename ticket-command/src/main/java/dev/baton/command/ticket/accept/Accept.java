package dev.baton.command.ticket.accept;

import dev.baton.api.error.BatonException;
import dev.baton.api.error.ErrorCode;
import dev.baton.api.ticket.Assignment;
import dev.baton.api.ticket.command.AcceptTicket;
import dev.baton.api.ticket.event.TicketAccepted;
import dev.baton.command.ticket.TicketState;
import dev.baton.support.auth.CallerApps;

import java.time.Clock;
import java.util.List;

import static dev.baton.command.ticket.Guards.assertCallerSees;
import static dev.baton.command.ticket.Guards.assertNoOpenAddSign;
import static dev.baton.command.ticket.Guards.assertOpen;
import static dev.baton.command.ticket.Guards.assertParticipant;

/**
 * Accepting a ticket offered to several candidates ({@code AcceptTicket} → {@code TicketAccepted}): one candidate
 * takes it; it is theirs alone, and the candidates are kept as the assignment's pool (for a release). A candidate
 * whose colleague accepted first is told the ticket moved on.
 */
public final class Accept {
    private Accept() {
    }

    public static TicketAccepted decide(TicketState ticket, AcceptTicket cmd, CallerApps apps, Clock clock) {
        assertCallerSees(ticket, apps, cmd.appId(), cmd.expectedVersion());
        assertOpen(ticket);
        assertNoOpenAddSign(ticket);
        // a candidate whose colleague accepted first is told the ticket moved on, like anyone overtaken
        assertParticipant(ticket, cmd.actor(), cmd.expectedVersion());
        Assignment assignment = ticket.assignment();
        if (!assignment.awaitingAccept()) {
            throw new BatonException(ErrorCode.WRONG_STATE, "Expected a ticket offered to several candidates, but it "
                    + "is assigned to " + assignment.users() + " already");
        }
        return new TicketAccepted(ticket.ticketId(), cmd.actor(), clock.instant(), new Assignment(
                assignment.distribution(), List.of(cmd.actor()), false, List.of(), null, List.of(), assignment.users())
                .keepingDelegationsOf(assignment));
    }
}
