package dev.baton.api.workflow;

import java.util.List;

/**
 * A way out of a state.
 *
 * @param key                 stable identifier
 * @param name                what people see on the button
 * @param from                source state key
 * @param to                  destination state key when no route matches
 * @param kind                agree, reject or other
 * @param checkRequiredFields whether the source state's required fields must be filled to take it
 * @param routes              first-match conditional destinations, tried before {@code to}
 */
public record TransitionDef(String key, String name, String from, String to, TransitionKind kind,
                            boolean checkRequiredFields, List<ConditionalRoute> routes) {
    public TransitionDef {
        kind = kind == null ? TransitionKind.OTHER : kind;
        routes = Entries.list("a transition's routes", routes);
    }
}
