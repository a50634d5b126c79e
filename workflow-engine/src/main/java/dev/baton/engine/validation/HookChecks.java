package dev.baton.engine.validation;

import dev.baton.api.workflow.EventHook;
import dev.baton.api.workflow.HookDef;
import dev.baton.api.workflow.StateDef;
import dev.baton.api.workflow.StateType;

import java.util.Arrays;
import java.util.List;

import static dev.baton.engine.validation.Keys.isHttpUrl;
import static dev.baton.engine.validation.Keys.isKey;

/**
 * Calls out to other systems: a state an external system handles (a hook), and the event hooks that tell other
 * systems of a ticket's events. Each calls an http(s) URL, names the secret it is signed with, and keeps its
 * time-out and attempts in range.
 */
public final class HookChecks {
    private HookChecks() {
    }

    /**
     * A state an external system handles: a normal state without participants or children, known fields, and
     * success and failure transitions that leave it.
     */
    public static void stateHook(Draft draft, StateDef state) {
        HookDef hook = state.hook();
        if (hook == null) {
            return;
        }
        String where = "State '" + state.key() + "'";
        if (state.type() != StateType.NORMAL) {
            draft.problem(where + " has a hook but is a " + state.type() + " state; only NORMAL states can");
        }
        if (state.participants() != null || state.fallback() != null || state.children() != null) {
            draft.problem(where + " has a hook and names participants, a fallback or children; the external system "
                    + "handles it alone");
        }
        if (!isHttpUrl(hook.url())) {
            draft.problem(where + "'s hook must call an http or https URL; got '" + hook.url() + "'");
        }
        if (!isKey(hook.secret())) {
            draft.problem(where + "'s hook must name the secret it is signed with (a key the hook worker knows, "
                    + "like 'cmdb'); got '" + hook.secret() + "'");
        }
        hook.fields().keySet().stream().sorted().filter(f -> !draft.knowsField(f)).forEach(f ->
                draft.problem(where + "'s hook sends unknown field '" + f + "'"));
        if (hook.timeoutSeconds() != null && (hook.timeoutSeconds() < 1
                || hook.timeoutSeconds() > HookDef.MAX_TIMEOUT_SECONDS)) {
            draft.problem(where + "'s hook time-out must be 1 to " + HookDef.MAX_TIMEOUT_SECONDS + " s; got "
                    + hook.timeoutSeconds());
        }
        if (hook.attempts() != null && (hook.attempts() < 1 || hook.attempts() > HookDef.MAX_ATTEMPTS)) {
            draft.problem(where + "'s hook attempts must be 1 to " + HookDef.MAX_ATTEMPTS + "; got "
                    + hook.attempts());
        }
        List<String> leaving = draft.leaving(state.key());
        for (String transition : Arrays.asList(hook.successTransition(), hook.failureTransition())) {
            if (transition == null || !leaving.contains(transition)) {
                draft.problem(where + "'s hook must name success and failure transitions leaving it, one of "
                        + leaving + "; got '" + transition + "'");
            }
        }
    }

    /** Each event hook: an http(s) URL, a secret name, at least one kind of event, time-out and attempts in range. */
    public static void eventHooks(Draft draft) {
        List<EventHook> hooks = draft.definition().eventHooks();
        for (int i = 0; i < hooks.size(); i++) {
            EventHook hook = hooks.get(i);
            String where = "Event hook " + (i + 1);
            if (hook == null) {
                draft.problem(where + " is empty");
                continue;
            }
            if (!isHttpUrl(hook.url())) {
                draft.problem(where + " must call an http or https URL; got '" + hook.url() + "'");
            }
            if (!isKey(hook.secret())) {
                draft.problem(where + " must name the secret it is signed with; got '" + hook.secret() + "'");
            }
            if (hook.events().isEmpty()) {
                draft.problem(where + " must name the events it tells of, some of "
                        + Arrays.toString(EventHook.Kind.values()));
            }
            if (hook.timeoutSeconds() != null && (hook.timeoutSeconds() < 1
                    || hook.timeoutSeconds() > HookDef.MAX_TIMEOUT_SECONDS)) {
                draft.problem(where + "'s time-out must be 1 to " + HookDef.MAX_TIMEOUT_SECONDS + " s; got "
                        + hook.timeoutSeconds());
            }
            if (hook.attempts() != null && (hook.attempts() < 1 || hook.attempts() > HookDef.MAX_ATTEMPTS)) {
                draft.problem(where + "'s attempts must be 1 to " + HookDef.MAX_ATTEMPTS + "; got "
                        + hook.attempts());
            }
        }
    }
}
