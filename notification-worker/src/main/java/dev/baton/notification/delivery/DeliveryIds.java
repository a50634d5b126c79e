package dev.baton.notification.delivery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

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
        return eventId + ":" + HexFormat.of().formatHex(sha256(canonical), 0, 8);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
