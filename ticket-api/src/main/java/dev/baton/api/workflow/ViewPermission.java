package dev.baton.api.workflow;

import java.util.List;

/**
 * Who may read tickets of a workflow that restricts viewing, besides the users related to a ticket and its admins:
 * the named {@code users}, members of {@code departments} (sub-departments included) and holders of {@code roles}.
 * Such a viewer sees only {@code fields}, read-only, and may not act.
 */
public record ViewPermission(List<String> users, List<String> departments, List<String> roles, List<String> fields) {
    public ViewPermission {
        users = users == null ? List.of() : List.copyOf(users);
        departments = departments == null ? List.of() : List.copyOf(departments);
        roles = roles == null ? List.of() : List.copyOf(roles);
        fields = fields == null ? List.of() : List.copyOf(fields);
    }
}
