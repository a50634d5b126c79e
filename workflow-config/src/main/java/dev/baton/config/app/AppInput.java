package dev.baton.config.app;

import dev.baton.config.Checks;

import java.util.List;

/**
 * The body of {@code PUT /apps/{appId}}: everything but the id and the secret (which only the service makes).
 * {@code admin} defaults to false, {@code active} to true, {@code workflows} to none. Null entries in
 * {@code workflows} are kept as sent, for the checks to name.
 */
public record AppInput(String name, Boolean admin, List<String> workflows, Boolean active) {
    public AppInput {
        workflows = Checks.copy(workflows);
    }
}
