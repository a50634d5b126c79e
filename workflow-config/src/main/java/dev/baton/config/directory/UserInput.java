package dev.baton.config.directory;

import dev.baton.api.directory.DirectoryUser;

import java.util.List;
import java.util.Map;

/**
 * A user as sent to {@code PUT /directory/users/{username}} and in a snapshot: a {@link DirectoryUser} whose
 * username may be left out (the path names it) and whose {@code active} defaults to true. Absent {@code channels}
 * and {@code contacts} are empty: the user gets the notification worker's default channels and no chat mentions.
 */
public record UserInput(String username, String name, String email, Boolean active, List<String> departments,
                        List<String> roles, List<String> channels, Map<String, String> contacts) {
    public UserInput {
        departments = departments == null ? List.of() : List.copyOf(departments);
        roles = roles == null ? List.of() : List.copyOf(roles);
        channels = channels == null ? List.of() : List.copyOf(channels);
        if (contacts != null) {
            contacts.forEach((key, value) -> {
                if (value == null) {
                    throw new IllegalArgumentException("Expected contacts." + key + " to be set, but it is null");
                }
            });
        }
        contacts = contacts == null ? Map.of() : Map.copyOf(contacts);
    }

    public DirectoryUser toUser(String username) {
        return new DirectoryUser(username, name, email == null || email.isBlank() ? null : email,
                active == null || active, departments, roles, channels, contacts);
    }

    public DirectoryUser toUser() {
        return toUser(username);
    }
}
