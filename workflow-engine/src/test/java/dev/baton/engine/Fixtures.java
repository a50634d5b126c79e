package dev.baton.engine;

import dev.baton.api.directory.Department;
import dev.baton.api.directory.DirectoryUser;
import dev.baton.api.directory.Role;

import java.util.List;

/** Small builders for directory records in tests. */
final class Fixtures {
    private Fixtures() {
    }

    static DirectoryUser user(String username, String... departments) {
        return new DirectoryUser(username, username, username + "@example.com", true, List.of(departments), List.of());
    }

    static DirectoryUser inactive(String username, String... departments) {
        return new DirectoryUser(username, username, username + "@example.com", false, List.of(departments),
                List.of());
    }

    static DirectoryUser withRoles(DirectoryUser user, String... roles) {
        return new DirectoryUser(user.username(), user.name(), user.email(), user.active(), user.departments(),
                List.of(roles));
    }

    static Department department(String id, String parentId, String leader, String... approvers) {
        return new Department(id, id, parentId, leader, List.of(approvers));
    }

    static Role role(String id) {
        return new Role(id, id);
    }
}
