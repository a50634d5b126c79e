package dev.baton.command.ticket.create;

import dev.baton.api.error.BatonException;
import dev.baton.api.error.ErrorCode;
import dev.baton.api.ticket.Assignment;
import dev.baton.api.ticket.StateRef;
import dev.baton.api.ticket.TicketStatus;
import dev.baton.api.ticket.command.CreateTicket;
import dev.baton.api.ticket.event.TicketCreated;
import dev.baton.api.workflow.Distribution;
import dev.baton.api.workflow.PublishedWorkflow;
import dev.baton.api.workflow.StateDef;
import dev.baton.api.workflow.WorkflowDefinition;
import dev.baton.command.ticket.SerialNumbers;
import dev.baton.command.ticket.StartLimiter;
import dev.baton.engine.DirectoryView;
import dev.baton.engine.FieldValues;
import dev.baton.engine.StartPermissions;
import dev.baton.support.auth.CallerApps;
import dev.baton.support.replica.WorkflowCatalog;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import static dev.baton.command.ticket.Guards.MAX_COMMENT;
import static dev.baton.command.ticket.Guards.assertCallerMayUse;
import static dev.baton.command.ticket.Guards.assertEditable;
import static dev.baton.command.ticket.Guards.assertText;

/**
 * Creating a ticket ({@code CreateTicket} → {@code TicketCreated}): on the latest published version of a workflow the
 * caller is granted, by a user its start permission admits (within its rate limit), with a title and the field values
 * editable at the start state. It is a draft with its creator; the aggregate then submits it when the command names a
 * transition, or arrives at the start state. A child ticket is started by ticket-command itself for its parent, whose
 * permissions already applied. The day's serial number is taken last, in the command's transaction, so a refusal
 * leaves no gap.
 */
public final class Create {
    public static final int MAX_TITLE = 200;

    private Create() {
    }

    public static TicketCreated decide(CreateTicket cmd, WorkflowCatalog catalog, DirectoryView directory,
                                       CallerApps apps, StartLimiter limiter, SerialNumbers serials, Clock clock) {
        boolean child = cmd.parent() != null;
        if (!child) {
            assertCallerMayUse(apps, cmd.appId(), cmd.workflowKey());
        }
        assertText("title", cmd.title(), MAX_TITLE, true);
        assertText("comment", cmd.comment(), MAX_COMMENT, false);
        PublishedWorkflow workflow = catalog.requireLatest(cmd.workflowKey());
        WorkflowDefinition definition = workflow.definition();
        if (!child && !StartPermissions.allows(definition.startPermission(), cmd.actor(), directory)) {
            throw new BatonException(ErrorCode.NOT_ALLOWED_TO_START, "Expected a user the workflow lets start "
                    + "tickets (" + definition.startPermission().users() + ", departments "
                    + definition.startPermission().departments() + ", roles " + definition.startPermission().roles()
                    + "), but '" + cmd.actor() + "' is none of them");
        }
        StateDef start = definition.startState().orElseThrow(() -> new BatonException(ErrorCode.INVALID_DEFINITION,
                "Expected workflow '" + cmd.workflowKey() + "' to have a start state, but it has none"));
        Map<String, Object> values = FieldValues.validate(definition, cmd.fields(), directory);
        assertEditable(start, values.keySet());
        if (!child && definition.startPermission() != null && definition.startPermission().rateLimit() != null) {
            limiter.claim(workflow.key(), cmd.actor(), cmd.ticketId(), definition.startPermission().rateLimit(),
                    clock.instant());
        }
        // the number is taken last, in this command's transaction: a refusal from here on rolls it back
        return new TicketCreated(cmd.ticketId(), serials.next(definition.serialPrefix(), clock.instant()), workflow.key(), workflow.version(),
                definition.name(), cmd.title().strip(), cmd.actor(), cmd.appId(), clock.instant(),
                FieldValues.withoutNulls(values), StateRef.of(start), Assignment.of(Distribution.ANY_ONE, List.of(cmd.actor())),
                TicketStatus.DRAFT, cmd.parent(), FieldValues.withoutNulls(cmd.parentFields()));
    }
}
