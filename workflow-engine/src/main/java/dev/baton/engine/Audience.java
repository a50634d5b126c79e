package dev.baton.engine;

import dev.baton.api.directory.Department;
import dev.baton.api.directory.DirectoryUser;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Whether a user belongs to a group named by users, departments (sub-departments included) and roles. */
public final class Audience {
    private Audience() {
    }

    /** True for an active user named in {@code users}, a member of a department or below, or a role holder. */
    public static boolean includes(List<String> users, List<String> departments, List<String> roles, String username,
                                   DirectoryView directory) {
        Optional<DirectoryUser> user = directory.user(username);
        if (user.isEmpty() || !user.get().active()) {
            return false;
        }
        if (users.contains(username) || user.get().roles().stream().anyMatch(roles::contains)) {
            return true;
        }
        for (String departmentId : user.get().departments()) {
            Set<String> seen = new HashSet<>();
            Optional<Department> d = directory.department(departmentId);
            while (d.isPresent() && seen.add(d.get().id())) {
                if (departments.contains(d.get().id())) {
                    return true;
                }
                d = d.get().parentId() == null ? Optional.empty() : directory.department(d.get().parentId());
            }
        }
        return false;
    }
}
