package dev.baton.api.directory;

import java.util.List;

/** A node of the department tree. {@code approvers}, when present, win over the {@code leader}. */
public record Department(String id, String name, String parentId, String leader, List<String> approvers) {
    public Department {
        approvers = approvers == null ? List.of() : List.copyOf(approvers);
    }
}
