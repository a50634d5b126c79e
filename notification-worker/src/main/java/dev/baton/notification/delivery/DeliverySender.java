package dev.baton.notification.delivery;

import dev.baton.notification.NotificationProperties;
import dev.baton.notification.channel.Channel;
import dev.baton.notification.channel.Message;
import dev.baton.notification.channel.SendResult;
import dev.baton.notification.channel.Channels;
import dev.baton.notification.consumer.DeadLetters;
import dev.baton.notification.consumer.DueBatches;
import dev.baton.notification.recipient.RecipientDirectory;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Sends due deliveries: claims a batch ({@code FOR UPDATE SKIP LOCKED}, so several workers share the outbox and
 * never send one delivery at once), sends them all at once on their channels, and records each outcome in the same
 * transaction: sent; failed with attempts left, tried again after a back-off ({@code baton.notification.retry.*});
 * refused for good or out of attempts, dead: published to {@value DeadLetters#TOPIC} (key the ticket id, value the
 * notification, headers {@value DeadLetters#DELIVERY_ID} and {@value DeadLetters#FAILURE_REASON}) before the row says
 * so. If this worker stops mid-batch, the rows are unlocked and another sends them: a delivery is sent at least once,
 * with its id as the receiver's idempotency key.
 */
@Component
public class DeliverySender {
    private static final Logger log = LoggerFactory.getLogger(DeliverySender.class);

    private final DeliveryRepository deliveries;
    private final Channels channels;
    private final RecipientDirectory directory;
    private final NotificationProperties properties;
    private final KafkaOperations<Object, Object> kafka;
    private final DeliveryMetrics metrics;
    private final TransactionTemplate tx;
    private final Clock clock;

    public DeliverySender(DeliveryRepository deliveries, Channels channels, RecipientDirectory directory,
                          NotificationProperties properties, KafkaOperations<Object, Object> kafka,
                          DeliveryMetrics metrics, TransactionTemplate tx, Clock clock) {
        this.deliveries = deliveries;
        this.channels = channels;
        this.directory = directory;
        this.properties = properties;
        this.kafka = kafka;
        this.metrics = metrics;
        this.tx = tx;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${baton.notification.poll-interval:200ms}")
    public void sendDue() {
        if (!properties.enabled() || !channels.any()) {
            return;
        }
        while (sendBatch() == properties.batchSize()) {
            // a full batch: more may be due
        }
    }

    /** Sends one batch of due deliveries and records the outcomes; the number sent. */
    public int sendBatch() {
        return DueBatches.run(tx, () -> deliveries.claimDue(clock.instant(), properties.batchSize()), this::send,
                this::decide, "deliveries");
    }

    private CompletableFuture<SendResult> send(Delivery delivery) {
        if (delivery.attempts() > 0) {
            metrics.retried();
        }
        Channel channel = channels.named(delivery.channel()).orElse(null);
        if (channel == null) {
            return CompletableFuture.completedFuture(SendResult.rejected("Expected a channel named '"
                    + delivery.channel() + "' to be configured, but there is none"));
        }
        Message message = new Message(delivery.deliveryId(), delivery.ticketId(), delivery.subject(), delivery.body(),
                directory.recipient(delivery.recipient()), delivery.payload());
        try {
            return channel.send(message)
                    .completeOnTimeout(SendResult.retryable("No answer in time"), 2, TimeUnit.MINUTES)
                    .exceptionally(failure -> SendResult.retryable("The channel failed: " + failure));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(SendResult.retryable("The channel failed: " + e));
        }
    }

    private void decide(Delivery delivery, SendResult result, List<Runnable> record,
                        List<CompletableFuture<?>> deadLetters) {
        int attempt = delivery.attempts() + 1;
        if (result.delivered()) {
            record.add(() -> {
                deliveries.delivered(delivery.deliveryId(), attempt);
                metrics.delivered();
            });
            return;
        }
        metrics.failed();
        if (result.outcome() == SendResult.Outcome.RETRYABLE && attempt < delivery.maxAttempts()) {
            Instant next = clock.instant().plus(properties.retry().after(attempt));
            record.add(() -> deliveries.retryLater(delivery.deliveryId(), attempt, next, result.detail()));
            log.info("Delivery {} on {} failed (attempt {} of {}): {}; next at {}", delivery.deliveryId(),
                    delivery.channel(), attempt, delivery.maxAttempts(), result.detail(), next);
            return;
        }
        deadLetters.add(deadLetter(delivery, result.detail()));
        record.add(() -> {
            deliveries.dead(delivery.deliveryId(), attempt, result.detail());
            metrics.deadLettered();
            log.warn("Delivery {} of ticket {} on {} is dead after {} attempt(s): {}", delivery.deliveryId(),
                    delivery.ticketId(), delivery.channel(), attempt, result.detail());
        });
    }

    private CompletableFuture<?> deadLetter(Delivery delivery, String reason) {
        ProducerRecord<Object, Object> record = new ProducerRecord<>(DeadLetters.TOPIC, delivery.ticketId(),
                delivery.payload());
        record.headers().add(DeadLetters.DELIVERY_ID, delivery.deliveryId().getBytes(StandardCharsets.UTF_8));
        record.headers().add(DeadLetters.FAILURE_REASON,
                (reason == null ? "unknown" : reason).getBytes(StandardCharsets.UTF_8));
        record.headers().add(DeadLetters.CHANNEL, delivery.channel().getBytes(StandardCharsets.UTF_8));
        return kafka.send(record);
    }
}
