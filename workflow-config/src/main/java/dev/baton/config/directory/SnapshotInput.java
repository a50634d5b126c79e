package dev.baton.config.directory;

import dev.baton.api.directory.DirectorySnapshot;
import dev.baton.api.directory.Role;
import dev.baton.config.Checks;

import java.util.ArrayList;
import java.util.List;

/**
 * The body of {@code PUT /directory}: a {@link DirectorySnapshot} whose users' {@code active} defaults to true. All
 * three lists must be there: a sync makes the directory equal to the snapshot, so a list left out (or misnamed) would
 * otherwise read as "nobody" and deactivate every user or remove every department or role. An empty list {@code []}
 * says that on purpose.
 */
public record SnapshotInput(List<DepartmentInput> departments, List<Role> roles, List<UserInput> users) {
    public SnapshotInput {
        departments = departments == null ? null : Checks.copy(departments);
        roles = roles == null ? null : Checks.copy(roles);
        users = users == null ? null : Checks.copy(users);
    }

    /**
     * The snapshot, once it has its three lists and no null entries in them or in its records' lists; otherwise 400
     * {@code invalid-input} naming every list that is missing and every null entry.
     */
    public DirectorySnapshot toSnapshot() {
        Checks checks = new Checks();
        List<String> missing = new ArrayList<>();
        if (departments == null) {
            missing.add("'departments'");
        }
        if (roles == null) {
            missing.add("'roles'");
        }
        if (users == null) {
            missing.add("'users'");
        }
        if (!missing.isEmpty()) {
            checks.add("Expected a snapshot with its 'departments', 'roles' and 'users' lists (an empty list [] for"
                    + " none), but " + and(missing) + (missing.size() == 1 ? " is" : " are") + " missing");
        }
        List<DepartmentInput> departments = this.departments == null ? List.of() : this.departments;
        List<Role> roles = this.roles == null ? List.of() : this.roles;
        List<UserInput> users = this.users == null ? List.of() : this.users;
        checks.noNulls("departments", departments).noNulls("roles", roles).noNulls("users", users);
        departments.stream().filter(d -> d != null)
                .forEach(d -> d.checkEntries(checks, "department '" + d.id() + "'"));
        users.stream().filter(u -> u != null).forEach(u -> u.checkEntries(checks, "user '" + u.username() + "'"));
        checks.orRefuse();
        return new DirectorySnapshot(departments.stream().map(DepartmentInput::toDepartment).toList(), roles,
                users.stream().map(UserInput::toUser).toList());
    }

    private static String and(List<String> names) {
        return names.size() == 1 ? names.get(0)
                : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }
}
