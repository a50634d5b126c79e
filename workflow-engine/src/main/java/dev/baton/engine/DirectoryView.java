package dev.baton.engine;

import dev.baton.api.directory.Department;
import dev.baton.api.directory.DirectoryUser;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A read-only view of the directory: users, the department tree, roles and delegations. */
public interface DirectoryView {

    /** The user with this username, active or not. */
    Optional<DirectoryUser> user(String username);

    /** The department with this id. */
    Optional<Department> department(String id);

    /** The direct children of a department (departments whose {@code parentId} is it), ordered by id. */
    List<Department> childrenOf(String departmentId);

    /** The direct members of a department (users whose {@code departments} contain it), ordered by username. */
    List<DirectoryUser> membersOf(String departmentId);

    /** The users holding a role (active or not), ordered by username. */
    List<DirectoryUser> withRole(String roleId);

    /** Whether the role exists. */
    boolean hasRole(String roleId);

    /**
     * Who acts for {@code username} in {@code workflowKey} at {@code at} by a delegation, if anyone: an active
     * delegate of a delegation whose window holds {@code at} and which covers the workflow (the earliest-starting
     * one when several do). Delegations do not chain.
     */
    default Optional<String> delegateOf(String username, String workflowKey, Instant at) {
        return Optional.empty();
    }
}
