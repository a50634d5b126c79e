package dev.baton.engine;

import dev.baton.api.workflow.StateDef;
import dev.baton.api.workflow.StateType;
import dev.baton.api.workflow.WorkflowDefinition;
import dev.baton.engine.validation.ChildrenChecks;
import dev.baton.engine.validation.CountersignChecks;
import dev.baton.engine.validation.Draft;
import dev.baton.engine.validation.FieldChecks;
import dev.baton.engine.validation.GraphChecks;
import dev.baton.engine.validation.HookChecks;
import dev.baton.engine.validation.Keys;
import dev.baton.engine.validation.NotificationChecks;
import dev.baton.engine.validation.ParticipantChecks;
import dev.baton.engine.validation.PermissionChecks;
import dev.baton.engine.validation.TimerChecks;
import dev.baton.engine.validation.WorkflowChecks;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a whole workflow definition before it is saved or published and reports every problem as a sentence
 * naming the offending element. Each concern has its checker in {@code dev.baton.engine.validation}, with its tests
 * beside it in the test tree: the workflow's key, name, serial prefix and admins ({@link WorkflowChecks}); fields
 * ({@link FieldChecks}); the graph: states, transitions, reachability ({@link GraphChecks}), with route conditions
 * ({@code ConditionChecks}); participants and fallbacks ({@link ParticipantChecks}); countersign policies
 * ({@link CountersignChecks}); timers ({@link TimerChecks}); hooks and event hooks ({@link HookChecks}); child
 * tickets ({@link ChildrenChecks}); notification templates ({@link NotificationChecks}); start and view permissions
 * ({@link PermissionChecks}). This class composes them, in an order that keeps the problems' order stable.
 * <p>
 * No check is skipped because another one failed: an element with a malformed or repeated key still has its content
 * checked (and one with a malformed key still counts as declared, so references to it are not reported as unknown),
 * and reachability is computed from every START state when there are several. Only when there is no START state at
 * all is reachability left out (that problem is reported, and every state would otherwise be listed as unreachable).
 */
public final class DefinitionValidator {
    /** The shape of workflow, state, transition and field keys. */
    public static final Pattern KEY = Keys.KEY;

    /** The names a child-ticket condition may use: the counts of the children's outcomes. */
    public static final Set<String> CHILD_COUNTS = ChildrenChecks.CHILD_COUNTS;

    private DefinitionValidator() {
    }

    /**
     * Every problem of the definition, in a stable order; empty when it is valid. With a {@code null} directory
     * the checks against the directory are skipped.
     */
    public static List<String> validate(WorkflowDefinition def, DirectoryView dir) {
        if (def == null) {
            return new java.util.ArrayList<>(List.of("The workflow definition is missing"));
        }
        Draft draft = new Draft(def, dir);
        WorkflowChecks.keyAndName(draft);
        WorkflowChecks.serialPrefix(draft);
        FieldChecks.declare(draft);
        GraphChecks graph = new GraphChecks(draft);
        for (StateDef state : def.states()) {
            graph.declare(state);
            FieldChecks.stateAccess(draft, state);
            HookChecks.stateHook(draft, state);
            ChildrenChecks.children(draft, state);
            if (state.hook() == null && state.children() == null && state.type() == StateType.NORMAL) {
                ParticipantChecks.participants(draft, state);
                ParticipantChecks.fallback(draft, state);
            }
            CountersignChecks.policy(draft, state);
            TimerChecks.timers(draft, state);
        }
        graph.startsAndEnds();
        GraphChecks.transitions(draft);
        GraphChecks.reachability(draft);
        PermissionChecks.start(draft);
        PermissionChecks.view(draft);
        HookChecks.eventHooks(draft);
        NotificationChecks.templates(draft);
        WorkflowChecks.admins(draft);
        return draft.problems();
    }
}
