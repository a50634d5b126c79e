package dev.baton.engine;

import dev.baton.api.workflow.ConditionalRoute;
import dev.baton.api.workflow.TransitionDef;

import java.util.Map;

/** Where a transition leads, given the ticket's field values. */
public final class Routing {
    private Routing() {
    }

    /** The {@code to} of the first route whose condition holds for {@code values}, else the transition's {@code to}. */
    public static String destination(TransitionDef t, Map<String, Object> values) {
        for (ConditionalRoute route : t.routes()) {
            if (route != null && Conditions.evaluate(route.condition(), values)) {
                return route.to();
            }
        }
        return t.to();
    }
}
