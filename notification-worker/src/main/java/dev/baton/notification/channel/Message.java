package dev.baton.notification.channel;

import dev.baton.api.trace.TraceParent;
import dev.baton.notification.recipient.Recipient;

/**
 * One rendered notification for one recipient on one channel.
 *
 * @param deliveryId the same for every attempt: receivers that honour it ({@code Idempotency-Key}) never notify twice
 * @param subject    the rendered subject (an email's subject, a chat message's title)
 * @param body       the rendered text
 * @param recipient  who it is for, with the contacts the directory knows
 * @param payload    the notification as JSON, for channels that post it whole (webhooks)
 * @param trace      the W3C {@code traceparent} HTTP channels send (null: none), a child of the event's
 */
public record Message(String deliveryId, String ticketId, String subject, String body, Recipient recipient,
                      String payload, TraceParent trace) {
    public Message(String deliveryId, String ticketId, String subject, String body, Recipient recipient,
                   String payload) {
        this(deliveryId, ticketId, subject, body, recipient, payload, null);
    }
}
