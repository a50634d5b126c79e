package dev.baton.notification.delivery;

import dev.baton.notification.recipient.Notice;
import dev.baton.notification.recipient.RecipientDirectory;
import dev.baton.notification.summary.TicketSummary;
import dev.baton.notification.webhook.Notification;
import dev.baton.notification.webhook.WebhookClient;
import dev.baton.notification.webhook.WebhookResult;
import dev.baton.support.kafka.TicketEventCodec.Envelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.util.Optional;

/**
 * Delivers one notification at most once successfully: a delivery id already {@code DELIVERED} is not sent again;
 * otherwise it is posted and the attempt recorded. Without a webhook nothing is sent or recorded, only counted. A failed attempt throws, so the listener container retries the
 * record in place (ordering per ticket is kept) and finally dead-letters it.
 */
@Service
public class Deliverer {
    private static final Logger log = LoggerFactory.getLogger(Deliverer.class);

    private final DeliveryRepository deliveries;
    private final WebhookClient webhook;
    private final RecipientDirectory directory;
    private final DeliveryMetrics metrics;

    public Deliverer(DeliveryRepository deliveries, WebhookClient webhook, RecipientDirectory directory,
                     DeliveryMetrics metrics) {
        this.deliveries = deliveries;
        this.webhook = webhook;
        this.directory = directory;
        this.metrics = metrics;
    }

    public void deliver(Envelope envelope, Notice notice, TicketSummary summary) {
        var event = envelope.event();
        DeliveryKey key = DeliveryKey.of(event.ticketId(), envelope.eventId(), envelope.type(), notice.usernames());
        if (!webhook.configured()) {
            // Nothing is sent, so there is nothing to remember either: a counter, not a row per notice.
            metrics.skipped();
            log.debug("No webhook configured; skipped delivery {} to {}", key.deliveryId(), notice.usernames());
            return;
        }
        Optional<Delivery> previous = deliveries.find(key.deliveryId());
        if (previous.filter(d -> d.status() == DeliveryStatus.DELIVERED).isPresent()) {
            log.debug("Delivery {} was already delivered; not sending it again", key.deliveryId());
            metrics.duplicate();
            return;
        }
        if (previous.filter(d -> d.status() == DeliveryStatus.FAILED || d.status() == DeliveryStatus.DEAD).isPresent()) {
            metrics.retried();
        }
        Notification notification = new Notification(key.deliveryId(), key.eventId(), key.eventType(),
                event.ticketId(), summary.serialNo(), summary.title(), summary.workflowKey(), summary.workflowName(),
                notice.state(), notice.action(), notice.reason(), event.actor(), event.at(),
                directory.lookUp(notice.usernames()), notice.comment());
        WebhookResult result = webhook.post(notification);
        if (result.delivered()) {
            deliveries.attempted(key, DeliveryStatus.DELIVERED, null);
            metrics.delivered();
            log.debug("Delivered {} to {}", key.deliveryId(), notice.usernames());
            return;
        }
        metrics.failed();
        deliveries.attempted(key, DeliveryStatus.FAILED, result.detail());
        log.warn("Delivery {} of ticket {} failed: {}", key.deliveryId(), key.ticketId(), result.detail());
        throw switch (result.outcome()) {
            case REJECTED -> new DeliveryRejectedException(key, result.detail());
            default -> new DeliveryFailedException(key, result.detail());
        };
    }
}
