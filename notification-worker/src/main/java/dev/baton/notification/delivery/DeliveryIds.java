package dev.baton.notification.delivery;

import dev.baton.api.auth.RequestSigning;

import java.nio.charset.StandardCharsets;

/**
 * Delivery ids: {@code <event id>:<hash>}, the hash being the first 16 hex digits of the SHA-256 of the notice's
 * kind, the recipient and the channel. The same event tells the same person on the same channel once, however often
 * the event is read again.
 */
public final class DeliveryIds {
    private DeliveryIds() {
    }

    public static String of(String eventId, String reason, String username, String channel) {
        if (eventId == null || eventId.isBlank()) {
            throw new IllegalArgumentException("Expected an event id, but got none");
        }
        String canonical = reason + "\n" + username + "\n" + channel;
        return eventId + ":" + RequestSigning.sha256Hex(canonical.getBytes(StandardCharsets.UTF_8)).substring(0, 16);
    }
}
