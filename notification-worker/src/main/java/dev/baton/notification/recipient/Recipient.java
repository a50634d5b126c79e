package dev.baton.notification.recipient;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Map;
import java.util.Optional;

/**
 * A person a notification is for; a user the directory does not know is sent with the username only.
 *
 * @param contacts how chat channels reach them, from the directory: {@code mobile}, and ids per chat channel type
 *                 ({@code feishu}, {@code dingtalk}, {@code wecom}); robots mention them by these
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Recipient(String username, String name, String email,
                        @JsonIgnore Map<String, String> contacts) {
    public Recipient {
        contacts = contacts == null ? Map.of() : Map.copyOf(contacts);
    }

    public Recipient(String username, String name, String email) {
        this(username, name, email, Map.of());
    }

    public static Recipient unknown(String username) {
        return new Recipient(username, null, null);
    }

    /** A contact by key ({@code mobile}, {@code feishu}, {@code dingtalk}, {@code wecom}), when the directory has it. */
    public Optional<String> contact(String key) {
        return Optional.ofNullable(contacts.get(key)).filter(v -> !v.isBlank());
    }

    /** The name to show: the directory's, or the username. */
    public String displayName() {
        return name == null || name.isBlank() ? username : name;
    }
}
