package dev.baton.config.directory;

import dev.baton.api.directory.DirectoryUser;

import java.util.List;
import java.util.Map;

/**
 * A user as sent to {@code PUT /directory/users/{username}} and in a snapshot: a {@link DirectoryUser} whose
 * username may be left out (the path names it) and whose {@code active} defaults to true. Absent {@code channels}
 * and {@code contacts} keep what the user has (HR feeds rarely carry them); for a new user they are empty (the
 * notification worker's default channels, no chat mentions). An empty list or map clears them.
 */
public record UserInput(String username, String name, String email, Boolean active, List<String> departments,
                        List<String> roles, List<String> channels, Map<String, String> contacts) {
    public UserInput {
        departments = departments == null ? List.of() : List.copyOf(departments);
        roles = roles == null ? List.of() : List.copyOf(roles);
        channels = channels == null ? null : List.copyOf(channels);
        if (contacts != null) {
            contacts.forEach((key, value) -> {
                if (value == null) {
                    throw new IllegalArgumentException("Expected contacts." + key + " to be set, but it is null");
                }
            });
        }
        contacts = contacts == null ? null : Map.copyOf(contacts);
    }

    public DirectoryUser toUser(String username) {
        return new DirectoryUser(username, name, email == null || email.isBlank() ? null : email,
                active == null || active, departments, roles, channels, contacts);
    }

    /** The user, keeping {@code old}'s channels and contacts where this input leaves them out. */
    public DirectoryUser toUser(String username, DirectoryUser old) {
        DirectoryUser user = toUser(username);
        if (old == null || (channels != null && contacts != null)) {
            return user;
        }
        return new DirectoryUser(user.username(), user.name(), user.email(), user.active(), user.departments(),
                user.roles(), channels == null ? old.channels() : channels,
                contacts == null ? old.contacts() : contacts);
    }

    public DirectoryUser toUser() {
        return toUser(username);
    }
}
