package dev.baton.command.ticket.delete;

import dev.baton.api.app.CallerApp;
import dev.baton.api.ticket.command.DeleteTicket;
import dev.baton.api.ticket.event.TicketDeleted;
import dev.baton.command.ticket.TicketState;
import dev.baton.support.auth.CallerApps;
import dev.baton.support.replica.WorkflowCatalog;

import java.time.Clock;

import static dev.baton.command.ticket.Guards.MAX_COMMENT;
import static dev.baton.command.ticket.Guards.assertAdmin;
import static dev.baton.command.ticket.Guards.assertCallerSees;
import static dev.baton.command.ticket.Guards.assertText;
import static dev.baton.command.ticket.Guards.definition;

/**
 * Deleting a ticket ({@code DeleteTicket} → {@code TicketDeleted}): a soft delete by an admin, in any status. From then
 * on every command is answered as for a ticket that does not exist (the aggregate's interceptor), and the lists and
 * details no longer show it.
 */
public final class Delete {
    private Delete() {
    }

    public static TicketDeleted decide(TicketState ticket, DeleteTicket cmd, WorkflowCatalog catalog, CallerApps apps,
                                       Clock clock) {
        CallerApp caller = assertCallerSees(ticket, apps, cmd.appId(), cmd.expectedVersion());
        assertText("reason", cmd.reason(), MAX_COMMENT, false);
        assertAdmin(caller, definition(ticket, catalog), cmd.actor());
        return new TicketDeleted(ticket.ticketId(), cmd.actor(), clock.instant(), cmd.reason());
    }
}
