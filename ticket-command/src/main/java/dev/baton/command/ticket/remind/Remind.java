package dev.baton.command.ticket.remind;

import dev.baton.api.app.CallerApp;
import dev.baton.api.error.BatonException;
import dev.baton.api.error.ErrorCode;
import dev.baton.api.ticket.command.RemindTicket;
import dev.baton.api.ticket.event.TicketReminded;
import dev.baton.command.ticket.TicketState;
import dev.baton.support.auth.CallerApps;
import dev.baton.support.replica.WorkflowCatalog;

import java.time.Clock;

import static dev.baton.command.ticket.Guards.MAX_COMMENT;
import static dev.baton.command.ticket.Guards.assertCallerSees;
import static dev.baton.command.ticket.Guards.assertNotAtStart;
import static dev.baton.command.ticket.Guards.assertOpen;
import static dev.baton.command.ticket.Guards.assertText;
import static dev.baton.command.ticket.Guards.definition;
import static dev.baton.command.ticket.Guards.isAdmin;

/**
 * Reminding whoever must act ({@code RemindTicket} → {@code TicketReminded}): the creator or an admin, on a submitted
 * ticket that is still open; the event names the users who must act now, and the notification path tells them. A
 * state's reminder timer records the same event as the system ({@code timers/}).
 */
public final class Remind {
    private Remind() {
    }

    public static TicketReminded decide(TicketState ticket, RemindTicket cmd, WorkflowCatalog catalog, CallerApps apps,
                                        Clock clock) {
        CallerApp caller = assertCallerSees(ticket, apps, cmd.appId(), cmd.expectedVersion());
        assertOpen(ticket);
        assertText("comment", cmd.comment(), MAX_COMMENT, false);
        if (!cmd.actor().equals(ticket.creator()) && !isAdmin(caller, definition(ticket, catalog), cmd.actor())) {
            throw new BatonException(ErrorCode.CREATOR_REQUIRED, "Expected the creator '" + ticket.creator()
                    + "' or an admin, but got '" + cmd.actor() + "'");
        }
        assertNotAtStart(ticket, "reminded about");
        return new TicketReminded(ticket.ticketId(), cmd.actor(), clock.instant(), ticket.assignment().users(),
                cmd.comment());
    }
}
