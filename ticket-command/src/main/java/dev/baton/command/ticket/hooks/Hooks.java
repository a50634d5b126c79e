package dev.baton.command.ticket.hooks;

import dev.baton.api.app.CallerApp;
import dev.baton.api.error.BatonException;
import dev.baton.api.error.ErrorCode;
import dev.baton.api.ticket.Assignment;
import dev.baton.api.ticket.StateRef;
import dev.baton.api.ticket.command.AnswerHook;
import dev.baton.api.ticket.command.RetryHook;
import dev.baton.api.ticket.event.HookAnswered;
import dev.baton.api.ticket.event.HookRequested;
import dev.baton.api.ticket.event.TicketEvent;
import dev.baton.api.ticket.event.TicketReassigned;
import dev.baton.api.workflow.Distribution;
import dev.baton.api.workflow.HookDef;
import dev.baton.api.workflow.StateDef;
import dev.baton.api.workflow.WorkflowDefinition;
import dev.baton.command.ticket.AssigneeChooser;
import dev.baton.command.ticket.Events;
import dev.baton.command.ticket.TicketState;
import dev.baton.command.ticket.handle.Move;
import dev.baton.command.ticket.routing.Assignments;
import dev.baton.engine.DirectoryView;
import dev.baton.engine.FieldValues;
import dev.baton.support.auth.CallerApps;
import dev.baton.support.replica.WorkflowCatalog;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import static dev.baton.command.ticket.Guards.MAX_COMMENT;
import static dev.baton.command.ticket.Guards.assertCallerSees;
import static dev.baton.command.ticket.Guards.assertOpen;
import static dev.baton.command.ticket.Guards.assertText;
import static dev.baton.command.ticket.Guards.currentState;
import static dev.baton.command.ticket.Guards.definition;
import static dev.baton.command.ticket.Guards.isAdmin;

/**
 * A state an external system handles: on arrival the hook worker is asked to call it ({@code HookRequested}, nobody
 * assigned); its answer ({@code AnswerHook} → {@code HookAnswered}) moves the ticket along the hook's success or
 * failure transition, with the field values it returns; when every attempt failed, the workflow's admins get the
 * ticket ({@code TicketReassigned}) and the creator or an admin may retry ({@code RetryHook}).
 */
public final class Hooks {
    private Hooks() {
    }

    /**
     * The external system takes over: the hook worker calls it with the ticket, its fields renamed as the hook maps
     * them. The call's id (this ticket, this arrival, this try) is also its idempotency key.
     */
    public static void request(TicketState ticket, StateDef state, String actor, Clock clock, Events events) {
        HookDef hook = state.hook();
        Map<String, Object> mapped = new LinkedHashMap<>();
        hook.fields().forEach((field, apiName) -> {
            if (ticket.fields().get(field) != null) {
                mapped.put(apiName, ticket.fields().get(field));
            }
        });
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("ticketId", ticket.ticketId());
        payload.put("serialNo", ticket.serialNo());
        payload.put("title", ticket.title());
        payload.put("workflow", ticket.workflowKey());
        payload.put("state", state.key());
        payload.put("creator", ticket.creator());
        payload.put("fields", mapped);
        int visit = ticket.timers().visit();
        events.apply(new HookRequested(ticket.ticketId(), actor, clock.instant(), StateRef.of(state),
                ticket.ticketId() + "-v" + visit + "-h" + (ticket.hook().tries() + 1), visit, hook, payload));
    }

    /** The hook worker's answer; one for a call the ticket no longer waits on changes nothing. */
    public static void answer(TicketState ticket, AnswerHook cmd, WorkflowCatalog catalog, DirectoryView directory,
                              AssigneeChooser chooser, Clock clock, Events events) {
        String pending = ticket.hook().pending();
        if (pending == null || !pending.equals(cmd.hookId()) || !ticket.status().open()) {
            return; // answered already, retried under another id, or the ticket moved on
        }
        WorkflowDefinition definition = definition(ticket, catalog);
        StateDef current = currentState(ticket, definition);
        HookDef hook = current.hook();
        if (hook == null) {
            return;
        }
        String message = cmd.message() != null && cmd.message().length() > MAX_COMMENT
                ? cmd.message().substring(0, MAX_COMMENT) : cmd.message();
        String system = TicketEvent.SYSTEM_ACTOR;
        if (cmd.exhausted()) {
            if (ticket.hook().failed()) {
                return;
            }
            events.apply(new HookAnswered(ticket.ticketId(), system, clock.instant(), cmd.hookId(), false, true,
                    message, Map.of()));
            events.apply(new TicketReassigned(ticket.ticketId(), system, clock.instant(),
                    ticket.assignment().users(), false, "The hook failed after every attempt"
                    + (message == null ? "" : ": " + message) + "; retry it, or move the ticket on",
                    Assignment.of(Distribution.ANY_ONE, Assignments.active(definition.admins(), directory))));
            return;
        }
        boolean success = cmd.success();
        Map<String, Object> values = Map.of();
        if (success && !cmd.fields().isEmpty()) {
            try {
                values = FieldValues.withoutNulls(FieldValues.validate(definition, cmd.fields(), directory));
            } catch (BatonException e) {
                success = false;
                message = "The hook's field values were refused: " + e.getMessage();
            }
        }
        events.apply(new HookAnswered(ticket.ticketId(), system, clock.instant(), cmd.hookId(), success, false,
                message, values));
        Move.byItself(ticket, definition, current, success ? hook.successTransition() : hook.failureTransition(),
                message == null ? null : "Hook: " + message, directory, chooser, clock, events);
    }

    /** The creator or an admin calls the external system again after every attempt failed. */
    public static void retry(TicketState ticket, RetryHook cmd, WorkflowCatalog catalog, CallerApps apps,
                             Clock clock, Events events) {
        CallerApp caller = assertCallerSees(ticket, apps, cmd.appId(), cmd.expectedVersion());
        assertOpen(ticket);
        assertText("comment", cmd.comment(), MAX_COMMENT, false);
        WorkflowDefinition definition = definition(ticket, catalog);
        if (!cmd.actor().equals(ticket.creator()) && !isAdmin(caller, definition, cmd.actor())) {
            throw new BatonException(ErrorCode.CREATOR_REQUIRED, "Expected the creator '" + ticket.creator()
                    + "' or an admin, but got '" + cmd.actor() + "'");
        }
        StateDef current = currentState(ticket, definition);
        if (current.hook() == null || !ticket.hook().failed()) {
            throw new BatonException(ErrorCode.WRONG_STATE, "Expected a hook that failed after every attempt, but "
                    + (current.hook() == null ? "state '" + ticket.stateKey() + "' has no hook"
                    : "its call is still going"));
        }
        request(ticket, current, cmd.actor(), clock, events);
    }
}
