package dev.baton.command.ticket.patch;

import dev.baton.api.app.CallerApp;
import dev.baton.api.error.BatonException;
import dev.baton.api.error.ErrorCode;
import dev.baton.api.ticket.command.PatchFields;
import dev.baton.api.ticket.event.FieldsPatched;
import dev.baton.api.workflow.WorkflowDefinition;
import dev.baton.command.ticket.TicketState;
import dev.baton.engine.DirectoryView;
import dev.baton.engine.FieldValues;
import dev.baton.support.auth.CallerApps;
import dev.baton.support.replica.WorkflowCatalog;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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
import static dev.baton.command.ticket.Guards.isAdmin;

/**
 * Changing field values outside a transition ({@code PatchFields} → {@code FieldsPatched}): the participant holding
 * the ticket changes the fields editable in its state, an admin any field; every changed value is recorded before and
 * after, a null value clears the field, and a patch that changes nothing is refused.
 */
public final class Patch {
    private Patch() {
    }

    public static FieldsPatched decide(TicketState ticket, PatchFields cmd, WorkflowCatalog catalog,
                                       DirectoryView directory, CallerApps apps, Clock clock) {
        CallerApp caller = assertCallerSees(ticket, apps, cmd.appId(), cmd.expectedVersion());
        assertOpen(ticket);
        assertText("comment", cmd.comment(), MAX_COMMENT, false);
        WorkflowDefinition definition = definition(ticket, catalog);
        boolean admin = isAdmin(caller, definition, cmd.actor());
        if (!admin) {
            assertNoOpenAddSign(ticket);
            assertParticipant(ticket, cmd.actor(), cmd.expectedVersion());
            assertAccepted(ticket);
        }
        if (cmd.fields() == null || cmd.fields().isEmpty()) {
            throw new BatonException(ErrorCode.INVALID_INPUT, "Expected field values to change, but got none");
        }
        Map<String, Object> values = FieldValues.validate(definition, cmd.fields(), directory);
        if (!admin) {
            assertEditable(currentState(ticket, definition), values.keySet());
        }
        Map<String, Object> fields = ticket.fields();
        List<FieldsPatched.Change> changes = new ArrayList<>();
        values.forEach((key, after) -> {
            Object before = comparable(definition, key, fields.get(key), directory);
            if (!Objects.equals(before, after)) {
                changes.add(new FieldsPatched.Change(key, fields.get(key), after));
            }
        });
        if (changes.isEmpty()) {
            throw new BatonException(ErrorCode.INVALID_INPUT,
                    "Expected at least one value that differs from the ticket's, but all of " + values.keySet()
                            + " are unchanged");
        }
        return new FieldsPatched(ticket.ticketId(), cmd.actor(), clock.instant(), changes, cmd.comment());
    }

    /**
     * A stored value in the form validation gives new ones (stored events come back from JSON with, say, integers
     * where validation gives longs), so that an unchanged value compares equal; as stored if it no longer validates.
     */
    private static Object comparable(WorkflowDefinition definition, String key, Object stored,
                                     DirectoryView directory) {
        if (stored == null) {
            return null;
        }
        try {
            Map<String, Object> single = new LinkedHashMap<>();
            single.put(key, stored);
            return FieldValues.validate(definition, single, directory).get(key);
        } catch (BatonException e) {
            return stored;
        }
    }
}
