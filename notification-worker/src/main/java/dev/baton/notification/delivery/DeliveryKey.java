package dev.baton.notification.delivery;

import java.util.List;

/** What identifies a delivery and what it is about. */
public record DeliveryKey(String deliveryId, String ticketId, String eventId, String eventType,
                          List<String> recipients) {
    public DeliveryKey {
        recipients = List.copyOf(recipients);
    }

    public static DeliveryKey of(String ticketId, String eventId, String eventType, List<String> recipients) {
        return new DeliveryKey(DeliveryIds.of(eventId, recipients), ticketId, eventId, eventType, recipients);
    }
}
