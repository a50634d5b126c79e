package dev.baton.api.directory;

import java.util.List;
import java.util.Map;

/**
 * A person, as synced from an HR or LDAP system. Users are deactivated, never deleted: tickets name them.
 *
 * @param channels the notification channels they want, by the names notification-worker configures (e.g.
 *                 {@code email}, {@code ops-dingtalk}); empty: the worker's default channels
 * @param contacts how chat channels reach them: {@code mobile}, and their ids on chat platforms ({@code feishu},
 *                 {@code dingtalk}, {@code wecom}), by which a group robot mentions them
 */
public record DirectoryUser(String username, String name, String email, boolean active,
                            List<String> departments, List<String> roles, List<String> channels,
                            Map<String, String> contacts) {
    /** The contact keys Baton's channels read. */
    public static final List<String> CONTACT_KEYS = List.of("mobile", "feishu", "dingtalk", "wecom");

    public DirectoryUser {
        departments = departments == null ? List.of() : List.copyOf(departments);
        roles = roles == null ? List.of() : List.copyOf(roles);
        channels = channels == null ? List.of() : List.copyOf(channels);
        contacts = contacts == null ? Map.of() : Map.copyOf(contacts);
    }

    public DirectoryUser(String username, String name, String email, boolean active,
                         List<String> departments, List<String> roles) {
        this(username, name, email, active, departments, roles, List.of(), Map.of());
    }
}
