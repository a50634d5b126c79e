package dev.baton.query.projection;

import dev.baton.api.CloudEventHeaders;
import dev.baton.query.QueryProperties;
import dev.baton.query.consistency.VersionNotifier;
import dev.baton.support.kafka.TicketEventCodec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * How the projection survives failures without ever skipping an event:
 * <ul>
 *   <li>anything transient (database down, a bug being fixed) is retried forever, backing off up to 30 s;</li>
 *   <li>an event that arrives before its predecessor is retried a few times, then parked and applied as soon as
 *       the predecessor has been projected, so the records behind it keep flowing;</li>
 *   <li>a record that cannot be decoded is parked as unreadable and logged as an error.</li>
 * </ul>
 * Spring Boot hands this {@code CommonErrorHandler} to the listener container factory.
 */
@Configuration(proxyBeanMethods = false)
public class ProjectionErrorHandling {
    private static final Logger log = LoggerFactory.getLogger(ProjectionErrorHandling.class);

    @Bean
    DefaultErrorHandler projectionErrorHandler(QueryProperties properties, TicketEventCodec codec,
                                               TicketProjector projector, ParkedEvents parked,
                                               VersionNotifier notifier) {
        ExponentialBackOff forever = new ExponentialBackOff(200, 2.0);
        forever.setMaxInterval(30_000);
        DefaultErrorHandler handler = new DefaultErrorHandler(
                (record, failure) -> recover(cast(record), failure, codec, projector, parked, notifier), forever);
        FixedBackOff gapRetries = new FixedBackOff(properties.gapRetryInterval().toMillis(),
                properties.gapRetryAttempts());
        handler.setBackOffFunction((record, failure) -> cause(failure, SequenceGapException.class) != null
                ? gapRetries : null);
        handler.addNotRetryableExceptions(UnreadableEventException.class);
        handler.setLogLevel(org.springframework.kafka.KafkaException.Level.WARN);
        return handler;
    }

    private static void recover(ConsumerRecord<String, String> record, Exception failure, TicketEventCodec codec,
                                TicketProjector projector, ParkedEvents parked, VersionNotifier notifier) {
        String source = TicketEventListener.source(record);
        SequenceGapException gap = cause(failure, SequenceGapException.class);
        if (gap != null) {
            var envelope = TicketEventListener.decode(codec, record).orElseThrow();
            projector.park(envelope, record.value(), source, gap.getMessage())
                    .ifPresent(version -> notifier.projected(gap.ticketId(), version));
            return;
        }
        UnreadableEventException unreadable = cause(failure, UnreadableEventException.class);
        String sequence = TicketEventCodec.header(record, CloudEventHeaders.SEQUENCE);
        log.error("Parking unreadable ticket event at {} (key {}): {}", source, record.key(),
                unreadable == null ? failure.toString() : unreadable.getMessage());
        parked.park(record.key(), parseOrNull(sequence), TicketEventCodec.header(record, CloudEventHeaders.ID),
                TicketEventCodec.header(record, CloudEventHeaders.TYPE), record.value(), ParkedEvents.UNREADABLE,
                String.valueOf(unreadable == null ? failure : unreadable.getCause()), source);
    }

    @SuppressWarnings("unchecked")
    private static ConsumerRecord<String, String> cast(ConsumerRecord<?, ?> record) {
        return (ConsumerRecord<String, String>) record;
    }

    private static Long parseOrNull(String value) {
        try {
            return value == null ? null : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static <T extends Throwable> T cause(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
