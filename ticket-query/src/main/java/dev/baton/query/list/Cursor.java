package dev.baton.query.list;

import dev.baton.api.error.BatonException;
import dev.baton.api.error.ErrorCode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Where the next page starts: the (created_at, ticket_id) of the last ticket shown, as opaque base64url text.
 * Lists are ordered newest first, so the next page holds the tickets strictly before it.
 */
public record Cursor(Instant createdAt, String ticketId) {
    private static final char SEPARATOR = '|';

    public String encode() {
        String plain = createdAt.toString() + SEPARATOR + ticketId;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    public static Cursor decode(String text) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            int cut = plain.indexOf(SEPARATOR);
            if (cut > 0 && cut < plain.length() - 1) {
                return new Cursor(Instant.parse(plain.substring(0, cut)), plain.substring(cut + 1));
            }
        } catch (RuntimeException ignored) {
            // reported below
        }
        throw new BatonException(ErrorCode.INVALID_INPUT,
                "Expected cursor to be the nextCursor of a previous page, but got '" + text + "'");
    }
}
