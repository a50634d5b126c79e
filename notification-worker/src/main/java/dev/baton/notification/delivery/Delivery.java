package dev.baton.notification.delivery;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.time.Instant;

/**
 * One notice to one recipient on one channel, as the {@code delivery} table keeps it and the delivery log shows it.
 *
 * @param kind   the kind of notice ({@code NEW_TODO}, {@code ENDED}, …)
 * @param reason why the recipient is told
 */
public record Delivery(String deliveryId, String ticketId, String eventId, String eventType, String kind,
                       String reason, String recipient, String channel, String subject, String body,
                       @JsonIgnore String payload, DeliveryStatus status, int attempts, int maxAttempts,
                       Instant nextAt, String lastError, Instant createdAt, Instant updatedAt) {
}
