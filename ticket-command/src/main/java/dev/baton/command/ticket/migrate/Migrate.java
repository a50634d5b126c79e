package dev.baton.command.ticket.migrate;

import dev.baton.api.error.BatonException;
import dev.baton.api.error.ErrorCode;
import dev.baton.api.ticket.Assignment;
import dev.baton.api.ticket.StateRef;
import dev.baton.api.ticket.command.MigrateTicket;
import dev.baton.api.ticket.event.TicketMigrated;
import dev.baton.api.workflow.StateDef;
import dev.baton.api.workflow.WorkflowDefinition;
import dev.baton.command.ticket.AssigneeChooser;
import dev.baton.command.ticket.TicketState;
import dev.baton.command.ticket.routing.Assignments;
import dev.baton.engine.DirectoryView;
import dev.baton.engine.Migrations;
import dev.baton.support.auth.CallerApps;
import dev.baton.support.replica.WorkflowCatalog;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import static dev.baton.command.ticket.Guards.assertAdminAction;
import static dev.baton.command.ticket.Guards.currentState;
import static dev.baton.command.ticket.Guards.definition;

/**
 * An admin moving an open ticket to a newer version of its workflow ({@code MigrateTicket} → {@code TicketMigrated}):
 * every state of the old version must land somewhere in the new one (by the given mapping, else by key); the ticket
 * keeps its participants when it lands in the same state with the same distribution, and is assigned afresh
 * otherwise.
 */
public final class Migrate {
    private Migrate() {
    }

    public static TicketMigrated decide(TicketState ticket, MigrateTicket cmd, WorkflowCatalog catalog,
                                        DirectoryView directory, CallerApps apps, AssigneeChooser chooser,
                                        Clock clock) {
        WorkflowDefinition from = assertAdminAction(ticket, apps, cmd.appId(), cmd.expectedVersion(), cmd.actor(),
                cmd.reason(), catalog);
        if (cmd.toVersion() <= ticket.workflowVersion()) {
            throw new BatonException(ErrorCode.INVALID_INPUT, "Expected a version newer than "
                    + ticket.workflowVersion() + ", but got " + cmd.toVersion());
        }
        WorkflowDefinition to = catalog.requireVersion(ticket.workflowKey(), cmd.toVersion()).definition();
        List<String> problems = Migrations.problems(from, to, cmd.stateMapping());
        if (!problems.isEmpty()) {
            throw new BatonException(ErrorCode.MIGRATION_NOT_POSSIBLE, "Expected a mapping that carries every state of "
                    + "version " + ticket.workflowVersion() + " to version " + cmd.toVersion() + ", but "
                    + problems.size() + " do not land", problems);
        }
        Map<String, String> mapping = Migrations.effective(from, cmd.stateMapping());
        StateDef landing = to.state(mapping.get(ticket.stateKey())).orElseThrow();
        StateDef current = currentState(ticket, from);
        boolean sameState = landing.key().equals(ticket.stateKey())
                && landing.distribution() == current.distribution();
        Assignment next = sameState ? ticket.assignment()
                : Assignments.assign(ticket, to, landing, Assignments.context(ticket, ticket.fields()), directory,
                chooser, clock);
        return new TicketMigrated(ticket.ticketId(), cmd.actor(), clock.instant(), ticket.workflowVersion(),
                cmd.toVersion(), StateRef.of(current), StateRef.of(landing), cmd.reason(), next, mapping);
    }
}
