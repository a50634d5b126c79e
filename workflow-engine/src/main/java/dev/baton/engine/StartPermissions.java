package dev.baton.engine;

import dev.baton.api.directory.Department;
import dev.baton.api.directory.DirectoryUser;
import dev.baton.api.workflow.StartPermission;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/** Whether a user may start tickets of a workflow, by its {@link StartPermission} and the directory. */
public final class StartPermissions {
    private StartPermissions() {
    }

    /**
     * True for everyone when the workflow names nobody; otherwise for an active user it names, a member of a named
     * department or of one of its sub-departments, or a holder of a named role.
     */
    public static boolean allows(StartPermission permission, String username, DirectoryView directory) {
        if (permission == null || permission.everyone()) {
            return true;
        }
        Optional<DirectoryUser> user = directory.user(username);
        if (user.isEmpty() || !user.get().active()) {
            return false;
        }
        if (permission.users().contains(username)
                || user.get().roles().stream().anyMatch(permission.roles()::contains)) {
            return true;
        }
        for (String departmentId : user.get().departments()) {
            Set<String> seen = new HashSet<>();
            Optional<Department> d = directory.department(departmentId);
            while (d.isPresent() && seen.add(d.get().id())) {
                if (permission.departments().contains(d.get().id())) {
                    return true;
                }
                d = d.get().parentId() == null ? Optional.empty() : directory.department(d.get().parentId());
            }
        }
        return false;
    }
}
