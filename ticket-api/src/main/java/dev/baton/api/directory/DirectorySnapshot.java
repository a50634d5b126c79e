package dev.baton.api.directory;

import java.util.List;

/**
 * A whole directory as an HR system sees it. Syncing it is idempotent: departments and roles that are absent are
 * removed, users that are absent are deactivated.
 */
public record DirectorySnapshot(List<Department> departments, List<Role> roles, List<DirectoryUser> users) {
    public DirectorySnapshot {
        departments = departments == null ? List.of() : List.copyOf(departments);
        roles = roles == null ? List.of() : List.copyOf(roles);
        users = users == null ? List.of() : List.copyOf(users);
    }
}
