package dev.baton.api.app;

import java.util.List;

/**
 * A client system allowed to call Baton.
 *
 * @param appId     the id it sends in {@code X-Baton-App}
 * @param name      what people see
 * @param secret    the HMAC-SHA256 key it signs requests with
 * @param admin     whether it may call configuration endpoints and act as admin on tickets
 * @param workflows keys of the workflows it may use; {@code "*"} grants all
 * @param active    an inactive app is refused
 */
public record CallerApp(String appId, String name, String secret, boolean admin, List<String> workflows,
                        boolean active) {
    public CallerApp {
        workflows = workflows == null ? List.of() : List.copyOf(workflows);
    }

    public boolean mayUse(String workflowKey) {
        return admin || workflows.contains("*") || workflows.contains(workflowKey);
    }
}
