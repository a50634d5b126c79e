package dev.baton.engine;

import dev.baton.api.workflow.StartPermission;

/** Whether a user may start tickets of a workflow, by its {@link StartPermission} and the directory. */
public final class StartPermissions {
    private StartPermissions() {
    }

    /**
     * True for everyone when the workflow names nobody; otherwise for an active user it names, a member of a named
     * department or of one of its sub-departments, or a holder of a named role.
     */
    public static boolean allows(StartPermission permission, String username, DirectoryView directory) {
        return permission == null || permission.everyone() || Audience.includes(permission.users(),
                permission.departments(), permission.roles(), username, directory);
    }
}
