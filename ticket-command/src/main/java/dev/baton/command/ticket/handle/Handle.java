package dev.baton.command.ticket.handle;

import dev.baton.api.ticket.command.HandleTicket;
import dev.baton.api.workflow.StateDef;
import dev.baton.api.workflow.WorkflowDefinition;
import dev.baton.command.ticket.AssigneeChooser;
import dev.baton.command.ticket.Events;
import dev.baton.command.ticket.TicketState;
import dev.baton.engine.DirectoryView;
import dev.baton.engine.FieldValues;
import dev.baton.support.auth.CallerApps;
import dev.baton.support.replica.WorkflowCatalog;

import java.time.Clock;
import java.util.Map;

import static dev.baton.command.ticket.Guards.MAX_COMMENT;
import static dev.baton.command.ticket.Guards.assertAccepted;
import static dev.baton.command.ticket.Guards.assertCallerSees;
import static dev.baton.command.ticket.Guards.assertEditable;
import static dev.baton.command.ticket.Guards.assertNoOpenAddSign;
import static dev.baton.command.ticket.Guards.assertOpen;
import static dev.baton.command.ticket.Guards.assertParticipant;
import static dev.baton.command.ticket.Guards.assertText;
import static dev.baton.command.ticket.Guards.currentState;
import static dev.baton.command.ticket.Guards.definition;

/**
 * Handling ({@code HandleTicket} → {@code TicketHandled}, or {@code CountersignRecorded} while others must still
 * act): a current participant who has accepted where acceptance is required takes one of the transitions out of the
 * current state, setting the fields editable there; no add-sign may be open. How the move itself is made is
 * {@link Move}.
 */
public final class Handle {
    private Handle() {
    }

    public static void decide(TicketState ticket, HandleTicket cmd, WorkflowCatalog catalog, DirectoryView directory,
                              CallerApps apps, AssigneeChooser chooser, Clock clock, Events events) {
        assertCallerSees(ticket, apps, cmd.appId(), cmd.expectedVersion());
        assertOpen(ticket);
        assertText("comment", cmd.comment(), MAX_COMMENT, false);
        assertNoOpenAddSign(ticket);
        assertParticipant(ticket, cmd.actor(), cmd.expectedVersion());
        assertAccepted(ticket);
        WorkflowDefinition definition = definition(ticket, catalog);
        StateDef current = currentState(ticket, definition);
        Map<String, Object> values = FieldValues.validate(definition, cmd.fields(), directory);
        assertEditable(current, values.keySet());
        Move.take(ticket, definition, current, cmd.actor(), cmd.transition(), values, cmd.comment(), directory,
                chooser, clock, events);
    }
}
