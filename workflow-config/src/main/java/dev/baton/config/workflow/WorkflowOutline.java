package dev.baton.config.workflow;

import dev.baton.api.workflow.ConditionalRoute;
import dev.baton.api.workflow.FieldAccess;
import dev.baton.api.workflow.FieldDef;
import dev.baton.api.workflow.PublishedWorkflow;
import dev.baton.api.workflow.StateType;
import dev.baton.api.workflow.TransitionKind;

import java.util.List;
import java.util.Map;

/**
 * What a client granted a workflow needs to draw it and to build its forms, and nothing of how it is run: the fields,
 * each state with its type and per-field access, and each transition with its kind and conditional routes. Leaves out
 * participants, hooks (their URLs), timers, notifications and permissions, which only admins read.
 */
public record WorkflowOutline(String key, String name, String description, int version, List<FieldDef> fields,
                              List<OutlineState> states, List<OutlineTransition> transitions) {

    public record OutlineState(String key, String name, StateType type, int order, boolean hidden,
                               Map<String, FieldAccess> fields) {
    }

    /** {@code checkRequiredFields}: whether taking it needs the state's REQUIRED fields filled. */
    public record OutlineTransition(String key, String name, String from, String to, TransitionKind kind,
                                    boolean checkRequiredFields, List<ConditionalRoute> routes) {
    }

    public static WorkflowOutline of(PublishedWorkflow published) {
        var def = published.definition();
        return new WorkflowOutline(def.key(), def.name(), def.description(), published.version(), def.fields(),
                def.states().stream().map(s -> new OutlineState(s.key(), s.name(), s.type(), s.order(), s.hidden(),
                        s.fields())).toList(),
                def.transitions().stream().map(t -> new OutlineTransition(t.key(), t.name(), t.from(), t.to(),
                        t.kind(), t.checkRequiredFields(), t.routes())).toList());
    }
}
