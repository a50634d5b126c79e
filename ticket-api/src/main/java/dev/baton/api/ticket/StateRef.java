package dev.baton.api.ticket;

import dev.baton.api.workflow.StateDef;
import dev.baton.api.workflow.StateType;

/** A state as events carry it: enough for consumers to show it without the definition. */
public record StateRef(String key, String name, StateType type) {
    public static StateRef of(StateDef state) {
        return new StateRef(state.key(), state.name(), state.type());
    }
}
