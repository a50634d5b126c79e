package dev.baton.api.directory;

import java.util.List;

/** A person, as synced from an HR or LDAP system. Users are deactivated, never deleted: tickets name them. */
public record DirectoryUser(String username, String name, String email, boolean active,
                            List<String> departments, List<String> roles) {
    public DirectoryUser {
        departments = departments == null ? List.of() : List.copyOf(departments);
        roles = roles == null ? List.of() : List.copyOf(roles);
    }
}
