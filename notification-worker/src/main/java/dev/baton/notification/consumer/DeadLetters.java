package dev.baton.notification.consumer;

import dev.baton.api.CloudEventHeaders;
import dev.baton.notification.NotificationProperties;
import dev.baton.notification.delivery.DeliveryFailedException;
import dev.baton.notification.delivery.DeliveryMetrics;
import dev.baton.notification.delivery.DeliveryRejectedException;
import dev.baton.notification.delivery.DeliveryRepository;
import dev.baton.support.BatonProperties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessException;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.util.backoff.ExponentialBackOff;

import java.nio.charset.StandardCharsets;

/**
 * What happens when a ticket event cannot be handled. Failed deliveries (no connection, time-out, 408, 429, 5xx)
 * are retried in place with exponential back-off ({@code baton.notification.retry.*}); a refused one (another 4xx)
 * or an unreadable event is not retried. Then the record goes, headers kept and the reason added, to
 * {@value #TOPIC} and its delivery is marked {@code DEAD}: nothing is dropped silently. A failure of this worker's
 * own database is not the receiver's fault and is retried until the database is back, so it dead-letters nothing.
 * Spring Boot hands the {@link DefaultErrorHandler} bean to the listener container factory.
 */
@Configuration(proxyBeanMethods = false)
public class DeadLetters {
    public static final String TOPIC = "baton.notifications.dlt";
    /** Header added to a dead-lettered record: why it could not be delivered. */
    public static final String FAILURE_REASON = "baton_failure_reason";
    /** Header added to a dead-lettered record: the delivery id, when the event had someone to notify. */
    public static final String DELIVERY_ID = "baton_delivery_id";
    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    @Bean
    KafkaAdmin.NewTopics notificationDeadLetterTopic(BatonProperties properties) {
        return new KafkaAdmin.NewTopics(TopicBuilder.name(TOPIC)
                .partitions(properties.kafka().partitions())
                .replicas(properties.kafka().replication())
                .build());
    }

    @Bean
    DefaultErrorHandler notificationErrorHandler(NotificationProperties properties,
                                                 KafkaOperations<Object, Object> kafka,
                                                 DeliveryRepository deliveries, DeliveryMetrics metrics) {
        var retry = properties.retry();
        ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(retry.maxRetries());
        backOff.setInitialInterval(retry.initialInterval().toMillis());
        backOff.setMultiplier(retry.multiplier());
        backOff.setMaxInterval(retry.maxInterval().toMillis());

        ExponentialBackOff untilTheDatabaseIsBack = new ExponentialBackOff(1000, 2.0);
        untilTheDatabaseIsBack.setMaxInterval(30_000);

        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer(kafka, deliveries, metrics), backOff);
        handler.addNotRetryableExceptions(DeliveryRejectedException.class, UnreadableEventException.class);
        handler.setBackOffFunction((record, failure) ->
                cause(failure, DataAccessException.class) != null ? untilTheDatabaseIsBack : null);
        handler.setLogLevel(KafkaException.Level.WARN);
        return handler;
    }

    private static ConsumerRecordRecoverer recoverer(KafkaOperations<Object, Object> kafka,
                                                     DeliveryRepository deliveries, DeliveryMetrics metrics) {
        DeadLetterPublishingRecoverer publisher = new DeadLetterPublishingRecoverer(kafka,
                (record, failure) -> new TopicPartition(TOPIC, -1));
        publisher.setHeadersFunction((record, failure) -> {
            Headers headers = new RecordHeaders();
            headers.add(FAILURE_REASON, reason(failure).getBytes(StandardCharsets.UTF_8));
            DeliveryFailedException delivery = cause(failure, DeliveryFailedException.class);
            if (delivery != null) {
                headers.add(DELIVERY_ID, delivery.delivery().deliveryId().getBytes(StandardCharsets.UTF_8));
            }
            return headers;
        });
        return (record, failure) -> {
            publisher.accept(record, failure);
            metrics.deadLettered();
            String reason = reason(failure);
            log.error("Dead-lettered {} of ticket {} ({}-{}@{}) to {}: {}", header(record, CloudEventHeaders.TYPE), record.key(),
                    record.topic(), record.partition(), record.offset(), TOPIC, reason);
            DeliveryFailedException delivery = cause(failure, DeliveryFailedException.class);
            if (delivery != null) {
                try {
                    deliveries.dead(delivery.delivery().deliveryId(), null);
                } catch (RuntimeException e) {
                    // The dead-letter topic has the event; the row only lags behind.
                    log.error("Could not mark delivery {} DEAD: {}", delivery.delivery().deliveryId(), e.toString());
                }
            }
        };
    }

    static String reason(Throwable failure) {
        Throwable specific = cause(failure, DeliveryFailedException.class);
        if (specific == null) {
            specific = cause(failure, UnreadableEventException.class);
        }
        if (specific == null) {
            specific = failure;
            while (specific.getCause() != null && specific.getCause() != specific) {
                specific = specific.getCause();
            }
        }
        return specific.getMessage() == null ? specific.getClass().getName() : specific.getMessage();
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
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
