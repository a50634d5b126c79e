package dev.baton.config.app;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/**
 * A caller application as the API shows it. {@code secret} is only present in the answer that created or rotated
 * it; it is never shown again.
 */
public record AppView(String appId, String name, boolean admin, List<String> workflows, boolean active,
                      Instant createdAt, @JsonInclude(JsonInclude.Include.NON_NULL) String secret) {

    AppView withSecret(String secret) {
        return new AppView(appId, name, admin, workflows, active, createdAt, secret);
    }
}
