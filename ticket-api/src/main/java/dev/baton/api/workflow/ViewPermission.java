package dev.baton.api.workflow;

import java.util.List;

/**
 * Who may read tickets of a workflow that restricts viewing, besides the users related to a ticket and its admins:
 * the named {@code users}, members of {@code departments} (sub-departments included) and holders of {@code roles}.
 * Such a viewer sees only {@code fields}, read-only, and may not act.
 */
public record ViewPermission(List<String> users, List<String> departments, List<String> roles, List<String> fields) {
    public ViewPermission {
        users = Entries.list("the view permission's users", users);
        departments = Entries.list("the view permission's departments", departments);
        roles = Entries.list("the view permission's roles", roles);
        fields = Entries.list("the view permission's fields", fields);
    }
}
