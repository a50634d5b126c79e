package dev.baton.config.directory;

import dev.baton.api.directory.Department;
import dev.baton.config.Checks;

import java.util.List;

/**
 * A department as sent to {@code PUT /directory/departments/{id}} and in a snapshot: a {@link Department} whose id may
 * be left out (the path names it). Null approvers are kept as sent, for {@link #checkEntries} to name.
 */
public record DepartmentInput(String id, String name, String parentId, String leader, List<String> approvers) {
    public DepartmentInput {
        approvers = Checks.copy(approvers);
    }

    /** Every null entry of its approvers, named; none may reach {@code toDepartment}. */
    public Checks checkEntries(Checks checks, String where) {
        return checks.noNulls(where + " approvers", approvers);
    }

    public Department toDepartment(String id) {
        return new Department(id, name, parentId, leader, approvers);
    }

    public Department toDepartment() {
        return toDepartment(id);
    }
}
