package dev.baton.notification.delivery;

import dev.baton.api.trace.TraceParent;
import dev.baton.notification.NotificationProperties;
import dev.baton.notification.channel.Channel;
import dev.baton.notification.channel.Channels;
import dev.baton.notification.channel.Message;
import dev.baton.notification.channel.SendResult;
import dev.baton.notification.consumer.DeadLetters;
import dev.baton.notification.consumer.DueBatches;
import dev.baton.notification.recipient.RecipientDirectory;
import dev.baton.support.logging.TicketLog;
import dev.baton.support.poll.PacedPolling;
import dev.baton.support.retry.Breakers;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Sends due deliveries ({@link DueBatches}): claims up to {@code batch-size} of them with a lease
 * ({@code baton.notification.lease}), so several workers share the outbox and never send one delivery at once, sends
 * each on its channel, and records each outcome as soon as its answer comes back: sent; failed with attempts left,
 * tried again after a back-off ({@code baton.notification.backoff.*}); refused for good or out of attempts, dead:
 * published to {@value DeadLetters#TOPIC} (key the ticket id, value the notification, headers
 * {@value DeadLetters#DELIVERY_ID} and {@value DeadLetters#FAILURE_REASON}) before the row says so.
 * <p>
 * Each channel's endpoint has a circuit breaker ({@code baton.notification.breaker.*}): while it is open, that
 * endpoint's deliveries are put off without being tried and without spending an attempt, and the others go on.
 * <p>
 * If this worker dies, the deliveries it had in flight are claimed again by any worker once their lease ran out, and
 * sent again: a delivery is sent at least once, with its id as the receiver's idempotency key.
 * <p>
 * It looks for due deliveries on a thread of its own, paced ({@link dev.baton.support.poll.Pacer}): every {@code poll-interval} while it
 * finds some or has some in flight; while it finds none, ever less often, up to {@code idle-poll-interval}, and no
 * later than the next retry falls due; and at once when this worker plans a delivery or revives a dead one
 * ({@link #wake()}).
 */
@Component
public class DeliverySender extends PacedPolling implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(DeliverySender.class);

    private final Channels channels;
    private final DeliveryRepository deliveries;
    private final RecipientDirectory directory;
    private final NotificationProperties properties;
    private final KafkaOperations<Object, Object> kafka;
    private final DeliveryMetrics metrics;
    private final Breakers breakers;
    private final DueBatches<Delivery, Attempt> batches;
    private final Clock clock;

    public DeliverySender(DeliveryRepository deliveries, Channels channels, RecipientDirectory directory,
                          NotificationProperties properties, KafkaOperations<Object, Object> kafka,
                          DeliveryMetrics metrics, TransactionTemplate tx, Clock clock, MeterRegistry meters) {
        super("delivery-sender", properties.pollInterval(), properties.idlePollInterval(), deliveries::nextDue, clock);
        this.deliveries = deliveries;
        this.channels = channels;
        this.directory = directory;
        this.properties = properties;
        this.kafka = kafka;
        this.metrics = metrics;
        this.clock = clock;
        this.breakers = new Breakers("notifications", properties.breaker(), meters);
        this.batches = new DueBatches<>("deliveries", deliveries::claimDue, this::send, this::decide, tx, clock,
                properties.lease(), properties.batchSize());
    }

    /** Starts sending due deliveries as many as there are free slots; whether any were started or are in flight. */
    public boolean sendDue() {
        if (!properties.enabled() || !channels.any()) {
            return false;
        }
        return batches.poll() > 0 || batches.inFlight() > 0;
    }

    @Override
    protected boolean runs() {
        return properties.enabled() && channels.any();
    }

    @Override
    protected boolean lookForWork() {
        return sendDue();
    }

    /** How one claimed delivery went: a channel's answer, or put off untried ({@code result} null). */
    record Attempt(SendResult result) {
        static final Attempt DEFERRED = new Attempt(null);
    }

    private CompletableFuture<Attempt> send(Delivery delivery) {
        Channel channel = channels.named(delivery.channel()).orElse(null);
        if (channel == null) {
            return CompletableFuture.completedFuture(new Attempt(SendResult.rejected("Expected a channel named '"
                    + delivery.channel() + "' to be configured, but there is none")));
        }
        Breakers.Target target = new Breakers.Target(channel.target(), channel.name());
        if (!breakers.permits(target)) {
            return CompletableFuture.completedFuture(Attempt.DEFERRED);
        }
        if (delivery.attempts() > 0) {
            metrics.retried();
        }
        Message message = new Message(delivery.deliveryId(), delivery.ticketId(), delivery.subject(), delivery.body(),
                directory.recipient(delivery.recipient()), delivery.payload(),
                TraceParent.parse(delivery.trace()).map(TraceParent::child).orElse(null));
        long started = System.nanoTime();
        CompletableFuture<SendResult> sent;
        try {
            sent = channel.send(message)
                    .completeOnTimeout(SendResult.retryable("No answer in time"),
                            properties.lease().toMillis() / 2, TimeUnit.MILLISECONDS)
                    .exceptionally(failure -> SendResult.retryable("The channel failed: " + failure));
        } catch (RuntimeException e) {
            sent = CompletableFuture.completedFuture(SendResult.retryable("The channel failed: " + e));
        }
        return sent.thenApply(result -> {
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            if (result.outcome() == SendResult.Outcome.RETRYABLE) {
                breakers.failed(target, took, result.detail());
            } else {
                breakers.succeeded(target, took); // it answered, even if it refused this one
            }
            return new Attempt(result);
        });
    }

    private void decide(Delivery delivery, Attempt attempted, List<Runnable> record,
                        List<CompletableFuture<?>> deadLetters) {
        String owner = batches.owner();
        if (attempted.result() == null) {
            Instant next = clock.instant().plus(breakers.openFor());
            record.add(() -> {
                deliveries.deferred(delivery.deliveryId(), owner, next);
                metrics.deferred();
            });
            return;
        }
        SendResult result = attempted.result();
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
            Instant next = clock.instant().plus(properties.backoff().delay(attempt));
            record.add(() -> deliveries.retryLater(delivery.deliveryId(), owner, attempt, next, result.detail()));
            try (TicketLog.Scope ignored = TicketLog.of(delivery.ticketId()).trace(delivery.trace()).open()) {
                log.info("Delivery {} on {} failed (attempt {} of {}): {}; next at {}", delivery.deliveryId(),
                        delivery.channel(), attempt, delivery.maxAttempts(), result.detail(), next);
            }
            return;
        }
        deadLetters.add(deadLetter(delivery, result.detail()));
        record.add(() -> {
            deliveries.dead(delivery.deliveryId(), owner, attempt, result.detail());
            metrics.deadLettered();
            try (TicketLog.Scope ignored = TicketLog.of(delivery.ticketId()).trace(delivery.trace()).open()) {
                log.warn("Delivery {} of ticket {} on {} is dead after {} attempt(s): {}", delivery.deliveryId(),
                        delivery.ticketId(), delivery.channel(), attempt, result.detail());
            }
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

    /** Claims no more, and waits for the answers of the deliveries in flight so that they are recorded. */
    @Override
    public void destroy() {
        stop();
        batches.close();
    }
}
