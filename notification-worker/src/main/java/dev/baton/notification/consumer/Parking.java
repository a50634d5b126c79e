package dev.baton.notification.consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.baton.api.CloudEventHeaders;
import dev.baton.api.trace.TraceParent;
import dev.baton.support.kafka.ConsumerFailures;
import dev.baton.support.logging.TicketLog;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.stereotype.Component;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What every role's consumer does with a record that fails, so that no single record stops a partition:
 * <ul>
 *   <li>a transient failure ({@link ConsumerFailures#isTransient}: the database away, a connection lost, a deadlock)
 *       is retried, waiting 0.5 s, 1 s, 2 s … at most 30 s, until it passes: nothing is skipped while a peer is
 *       down;</li>
 *   <li>a record that cannot be read (not JSON, not the shape of its type) is parked at once: reading it again
 *       cannot help;</li>
 *   <li>any other failure (a value the database refuses, a constraint, a bug) is retried
 *       {@code baton.consumer.max-retries} times with back-off ({@link ConsumerProperties}), then the record is
 *       parked.</li>
 * </ul>
 * Parking keeps the record in {@code parked_event} ({@link ParkedEvents}), counts it in {@code baton.consumer.parked}
 * (tag {@code role}), logs it at ERROR, and moves the partition on; {@code POST /admin/parked-events/{id}/retry}
 * applies it later. Every failed attempt is counted in {@code baton.consumer.failures} (tags {@code role} and
 * {@code kind}: {@code transient} or {@code record}). Parking that fails (the database went away meanwhile) leaves
 * the record where it is, to be tried again.
 */
@Component
public class Parking {
    private static final Logger log = LoggerFactory.getLogger(Parking.class);

    private final ParkedEvents parked;
    private final ConsumerProperties properties;
    private final MeterRegistry metrics;

    public Parking(ParkedEvents parked, ConsumerProperties properties, MeterRegistry metrics) {
        this.parked = parked;
        this.properties = properties;
        this.metrics = metrics;
    }

    /**
     * The error handler of {@code role}'s consumer in {@code group}; {@code alsoWhenParked}, if any, is told of each
     * record after it is parked.
     */
    public DefaultErrorHandler errorHandler(String role, String group, ConsumerRecordRecoverer alsoWhenParked) {
        // the role's series exist from the start, so a rate or an alert over them never starts from nothing
        metrics.counter("baton.consumer.parked", "role", role);
        metrics.counter("baton.consumer.failures", "role", role, "kind", "transient");
        metrics.counter("baton.consumer.failures", "role", role, "kind", "record");
        ExponentialBackOffWithMaxRetries bounded = new ExponentialBackOffWithMaxRetries(properties.maxRetries());
        bounded.setInitialInterval(properties.initialInterval().toMillis());
        bounded.setMultiplier(2.0);
        bounded.setMaxInterval(properties.maxInterval().toMillis());
        ExponentialBackOff untilItPasses = new ExponentialBackOff(500, 2.0);
        untilItPasses.setMaxInterval(30_000);
        BackOff never = new FixedBackOff(0, 0);
        // the attempts of the record failing now on each partition (one at a time), for the parked row
        Map<TopicPartition, long[]> attempts = new ConcurrentHashMap<>();

        DefaultErrorHandler handler = new DefaultErrorHandler((record, failure) -> {
            long[] tried = attempts.get(new TopicPartition(record.topic(), record.partition()));
            int count = tried == null || tried[0] != record.offset() ? 1 : (int) tried[1];
            String error = ConsumerFailures.describe(failure);
            parked.park(role, group, record, error, count);
            if (alsoWhenParked != null) {
                alsoWhenParked.accept(record, failure);
            }
            metrics.counter("baton.consumer.parked", "role", role).increment();
            try (TicketLog.Scope ignored = TicketLog.of(record.key() == null ? null : String.valueOf(record.key()))
                    .trace(header(record, TraceParent.HEADER)).open()) {
                log.error("{}: parked {} of ticket {} ({}-{}@{}) after {} attempt(s), the partition moves on; "
                                + "see GET /admin/parked-events: {}", role, header(record, CloudEventHeaders.TYPE),
                        record.key(), record.topic(), record.partition(), record.offset(), count, error);
            }
        }, bounded);
        handler.setBackOffFunction((record, failure) -> ConsumerFailures.isTransient(failure) ? untilItPasses
                : unreadable(failure) ? never : null);
        handler.setRetryListeners(new RetryListener() {
            @Override
            public void failedDelivery(ConsumerRecord<?, ?> record, Exception failure, int deliveryAttempt) {
                attempts.put(new TopicPartition(record.topic(), record.partition()),
                        new long[]{record.offset(), deliveryAttempt});
                metrics.counter("baton.consumer.failures", "role", role, "kind",
                        ConsumerFailures.isTransient(failure) ? "transient" : "record").increment();
            }

            @Override
            public void recovered(ConsumerRecord<?, ?> record, Exception failure) {
                attempts.remove(new TopicPartition(record.topic(), record.partition()));
            }
        });
        handler.setLogLevel(KafkaException.Level.WARN);
        // retried from the records the container holds, not by seeking (a seek waits out the pending fetch)
        handler.setSeekAfterError(false);
        return handler;
    }

    /** A record its consumer cannot read: reading it again gives the same. */
    static boolean unreadable(Throwable failure) {
        return DeadLetters.cause(failure, UnreadableEventException.class) != null
                || DeadLetters.cause(failure, JsonProcessingException.class) != null;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
