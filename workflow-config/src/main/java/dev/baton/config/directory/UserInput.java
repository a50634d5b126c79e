package dev.baton.config.directory;

import dev.baton.api.directory.DirectoryUser;

import java.util.List;

/**
 * A user as sent to {@code PUT /directory/users/{username}} and in a snapshot: a {@link DirectoryUser} whose
 * username may be left out (the path names it) and whose {@code active} defaults to true.
 */
public record UserInput(String username, String name, String email, Boolean active, List<String> departments,
                        List<String> roles) {
    public UserInput {
        departments = departments == null ? List.of() : List.copyOf(departments);
        roles = roles == null ? List.of() : List.copyOf(roles);
    }

    public DirectoryUser toUser(String username) {
        return new DirectoryUser(username, name, email == null || email.isBlank() ? null : email,
                active == null || active, departments, roles);
    }

    public DirectoryUser toUser() {
        return toUser(username);
    }
}
