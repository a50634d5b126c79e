package dev.baton.notification.delivery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.TreeSet;

/**
 * Delivery ids: {@code <event id>:<hash of the recipients>}. The hash covers the distinct usernames in sorted order
 * (the first 16 hex digits of their SHA-256), so the same event to the same people always gets the same id, whatever
 * the order they were listed in.
 */
public final class DeliveryIds {
    private DeliveryIds() {
    }

    public static String of(String eventId, Collection<String> usernames) {
        if (eventId == null || eventId.isBlank()) {
            throw new IllegalArgumentException("Expected an event id, but got none");
        }
        String canonical = String.join("\n", new TreeSet<>(usernames));
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
