package dev.baton.config.directory;

import dev.baton.api.directory.Department;
import dev.baton.api.directory.DirectorySnapshot;
import dev.baton.api.directory.Role;

import java.util.List;

/** The body of {@code PUT /directory}: a {@link DirectorySnapshot} whose users' {@code active} defaults to true. */
public record SnapshotInput(List<Department> departments, List<Role> roles, List<UserInput> users) {
    public SnapshotInput {
        departments = departments == null ? List.of() : List.copyOf(departments);
        roles = roles == null ? List.of() : List.copyOf(roles);
        users = users == null ? List.of() : List.copyOf(users);
    }

    public DirectorySnapshot toSnapshot() {
        return new DirectorySnapshot(departments, roles, users.stream().map(UserInput::toUser).toList());
    }
}
