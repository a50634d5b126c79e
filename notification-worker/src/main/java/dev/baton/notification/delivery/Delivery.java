package dev.baton.notification.delivery;

import java.time.Instant;
import java.util.List;

/** One notification of one event, as the {@code delivery} table keeps it (and {@code GET /deliveries} shows it). */
public record Delivery(String deliveryId, String ticketId, String eventId, String eventType, List<String> recipients,
                       DeliveryStatus status, int attempts, String lastError, Instant createdAt, Instant updatedAt) {
    public Delivery {
        recipients = List.copyOf(recipients);
    }
}
