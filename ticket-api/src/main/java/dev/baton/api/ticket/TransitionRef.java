package dev.baton.api.ticket;

import dev.baton.api.workflow.TransitionDef;
import dev.baton.api.workflow.TransitionKind;

public record TransitionRef(String key, String name, TransitionKind kind) {
    public static TransitionRef of(TransitionDef transition) {
        return new TransitionRef(transition.key(), transition.name(), transition.kind());
    }
}
