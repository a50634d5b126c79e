package dev.baton.query.projection;

import dev.baton.api.CloudEventHeaders;
import dev.baton.api.trace.TraceParent;
import dev.baton.query.QueryProperties;
import dev.baton.query.consistency.PeerVersions;
import dev.baton.support.kafka.ConsumerFailures;
import dev.baton.support.kafka.TicketEventCodec;
import dev.baton.support.logging.TicketLog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

import java.util.Map;

/**
 * How the projection survives failures without ever skipping an event:
 * <ul>
 *   <li>a failure that passes by itself ({@link ConsumerFailures#isTransient}: the database away, a lost connection,
 *       a deadlock) is retried forever, backing off up to 30 s;</li>
 *   <li>an event that arrives before its predecessor is retried a few times, then parked and applied as soon as
 *       the predecessor has been projected, so the records behind it keep flowing;</li>
 *   <li>a record that cannot be decoded is parked as unreadable;</li>
 *   <li>any other failure (a value the database refuses, a bug) is retried a few times, then the event is parked as
 *       failed; the ticket's later events park behind it, every other ticket moves on.</li>
 * </ul>
 * Unreadable and failed events are logged at ERROR, counted ({@code baton.projection.parked}, by reason; the gauge
 * {@code baton.projection.parked.waiting} holds how many wait for an admin), listed and retried through
 * {@code /admin/projections/parked}. Read-your-writes for a version behind one answers 409 {@code ticket-parked}.
 * Spring Boot hands this {@code CommonErrorHandler} to the listener container factory.
 */
@Configuration(proxyBeanMethods = false)
public class ProjectionErrorHandling {
    private static final Logger log = LoggerFactory.getLogger(ProjectionErrorHandling.class);

    @Bean
    DefaultErrorHandler projectionErrorHandler(QueryProperties properties, TicketEventCodec codec,
                                               TicketProjector projector, ParkedEvents parked,
                                               PeerVersions versions, MeterRegistry meters) {
        ExponentialBackOff forever = new ExponentialBackOff(200, 2.0);
        forever.setMaxInterval(30_000);
        Gauge.builder("baton.projection.parked.waiting", parked, ParkedEvents::waitingForAdminCount)
                .description("Ticket events parked until an admin retries them (unreadable or failed)")
                .register(meters);
        DefaultErrorHandler handler = new DefaultErrorHandler(
                (record, failure) -> recover(cast(record), failure, codec, projector, parked, versions, meters),
                forever);
        FixedBackOff gapRetries = new FixedBackOff(properties.gapRetryInterval().toMillis(),
                properties.gapRetryAttempts());
        FixedBackOff failureRetries = new FixedBackOff(properties.failureRetryInterval().toMillis(),
                properties.failureRetryAttempts());
        handler.setBackOffFunction((record, failure) -> {
            if (cause(failure, SequenceGapException.class) != null) {
                return gapRetries;
            }
            return ConsumerFailures.isTransient(failure) ? null : failureRetries;
        });
        handler.addNotRetryableExceptions(UnreadableEventException.class);
        handler.setLogLevel(org.springframework.kafka.KafkaException.Level.WARN);
        // retried from the records the container holds, never by seeking: after a seek the consumer cannot fetch
        // again until its outstanding fetch returns, which for an idle topic is the whole fetch.max.wait.ms
        handler.setSeekAfterError(false);
        return handler;
    }

    private static void recover(ConsumerRecord<String, String> record, Exception failure, TicketEventCodec codec,
                                TicketProjector projector, ParkedEvents parked, PeerVersions versions,
                                MeterRegistry meters) {
        String source = TicketEventListener.source(record);
        SequenceGapException gap = cause(failure, SequenceGapException.class);
        if (gap != null) {
            var envelope = TicketEventListener.decode(codec, record).orElseThrow();
            projector.park(envelope, record.value(), source, gap.getMessage())
                    .ifPresent(version -> versions.committed(Map.of(gap.ticketId(), version)));
            return;
        }
        if (ConsumerFailures.isTransient(failure)) {
            throw new IllegalStateException("A passing failure is retried, never parked", failure);
        }
        UnreadableEventException unreadable = cause(failure, UnreadableEventException.class);
        if (unreadable == null) {
            var envelope = TicketEventListener.decode(codec, record).orElseThrow();
            String error = ConsumerFailures.describe(failure);
            try (TicketLog.Scope ignored = TicketLog.of(record.key()).trace(envelope.trace()).open()) {
                log.error("Parking event {} ({}) of ticket {} at {}: it failed every retry: {}", envelope.sequence(),
                        envelope.type(), record.key(), source, error);
            }
            parked.park(envelope.event().ticketId(), envelope.sequence(), envelope.eventId(), envelope.type(),
                    record.value(), ParkedEvents.FAILED, error, source);
            parkedCounter(meters, ParkedEvents.FAILED).increment();
            return;
        }
        parkedCounter(meters, ParkedEvents.UNREADABLE).increment();
        String sequence = TicketEventCodec.header(record, CloudEventHeaders.SEQUENCE);
        try (TicketLog.Scope ignored = TicketLog.of(record.key())
                .trace(TicketEventCodec.header(record, TraceParent.HEADER)).open()) {
            log.error("Parking unreadable ticket event at {} (key {}): {}", source, record.key(),
                    unreadable == null ? failure.toString() : unreadable.getMessage());
        }
        parked.park(record.key(), parseOrNull(sequence), TicketEventCodec.header(record, CloudEventHeaders.ID),
                TicketEventCodec.header(record, CloudEventHeaders.TYPE), record.value(), ParkedEvents.UNREADABLE,
                String.valueOf(unreadable == null ? failure : unreadable.getCause()), source);
    }

    private static Counter parkedCounter(MeterRegistry meters, String reason) {
        return Counter.builder("baton.projection.parked").tag("reason", reason)
                .description("Ticket events parked by the projection").register(meters);
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
