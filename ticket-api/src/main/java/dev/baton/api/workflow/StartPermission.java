package dev.baton.api.workflow;

import java.util.List;

/**
 * Who may start tickets of a workflow, and how often. A user may start one when they are named in {@code users},
 * belong to one of {@code departments} or its sub-departments, or hold one of {@code roles}; with all three empty,
 * everyone may. {@code rateLimit}, when set, caps how many tickets one user starts in a sliding window.
 */
public record StartPermission(List<String> users, List<String> departments, List<String> roles,
                              RateLimit rateLimit) {
    public StartPermission {
        users = Entries.list("the start permission's users", users);
        departments = Entries.list("the start permission's departments", departments);
        roles = Entries.list("the start permission's roles", roles);
    }

    public boolean everyone() {
        return users.isEmpty() && departments.isEmpty() && roles.isEmpty();
    }

    /** At most {@code tickets} started by one user within any {@code perHours} hours. */
    public record RateLimit(int tickets, int perHours) {
    }
}
