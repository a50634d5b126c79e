package dev.baton.config.app;

import java.util.List;

/**
 * The body of {@code PUT /apps/{appId}}: everything but the id and the secret (which only the service makes).
 * {@code admin} defaults to false, {@code active} to true, {@code workflows} to none.
 */
public record AppInput(String name, Boolean admin, List<String> workflows, Boolean active) {
    public AppInput {
        workflows = workflows == null ? List.of() : List.copyOf(workflows);
    }
}
