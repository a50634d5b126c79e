package dev.baton.notification.delivery;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.time.Instant;

/**
 * One notice to one recipient on one channel, as the {@code delivery} table keeps it and the delivery log shows it.
 *
 * @param kind   the kind of notice ({@code NEW_TODO}, {@code ENDED}, …)
 * @param reason why the recipient is told
 * @param trace  the W3C {@code traceparent} of the event that caused it (null: none); its sends continue that trace
 */
public record Delivery(String deliveryId, String ticketId, String eventId, String eventType, String kind,
                       String reason, String recipient, String channel, String subject, String body,
                       @JsonIgnore String payload, DeliveryStatus status, int attempts, int maxAttempts,
                       Instant nextAt, String lastError, Instant createdAt, Instant updatedAt,
                       @JsonIgnore String trace) {
    public Delivery(String deliveryId, String ticketId, String eventId, String eventType, String kind, String reason,
                    String recipient, String channel, String subject, String body, String payload,
                    DeliveryStatus status, int attempts, int maxAttempts, Instant nextAt, String lastError,
                    Instant createdAt, Instant updatedAt) {
        this(deliveryId, ticketId, eventId, eventType, kind, reason, recipient, channel, subject, body, payload, status,
                attempts, maxAttempts, nextAt, lastError, createdAt, updatedAt, null);
    }
}
