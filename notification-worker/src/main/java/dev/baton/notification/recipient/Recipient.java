package dev.baton.notification.recipient;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A person a notification is for; a user the directory does not know is sent with the username only. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Recipient(String username, String name, String email) {
    public static Recipient unknown(String username) {
        return new Recipient(username, null, null);
    }
}
