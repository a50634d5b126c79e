package dev.baton.config.directory;

import dev.baton.api.directory.DirectoryUser;
import dev.baton.config.Checks;

import java.util.List;
import java.util.Map;

/**
 * A user as sent to {@code PUT /directory/users/{username}} and in a snapshot: a {@link DirectoryUser} whose
 * username may be left out (the path names it) and whose {@code active} defaults to true. Absent {@code channels}
 * and {@code contacts} keep what the user has (HR feeds rarely carry them); for a new user they are empty (the
 * notification worker's default channels, no chat mentions). An empty list or map clears them. Null entries in its
 * lists and null contact values are kept as sent, for {@link #checkEntries} to name; {@code toUser} needs none.
 */
public record UserInput(String username, String name, String email, Boolean active, List<String> departments,
                        List<String> roles, List<String> channels, Map<String, String> contacts) {
    public UserInput {
        departments = Checks.copy(departments);
        roles = Checks.copy(roles);
        channels = channels == null ? null : Checks.copy(channels);
        contacts = Checks.copyOrNull(contacts);
    }

    /** Every null entry of its lists and null value of its contacts, named; none may reach {@code toUser}. */
    public Checks checkEntries(Checks checks, String where) {
        return checks.noNulls(where + " departments", departments).noNulls(where + " roles", roles)
                .noNulls(where + " channels", channels).noNullValues(where + " contacts", contacts);
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
