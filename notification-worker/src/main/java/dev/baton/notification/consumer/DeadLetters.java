package dev.baton.notification.consumer;

import dev.baton.api.CloudEventHeaders;
import dev.baton.notification.delivery.DeliveryMetrics;
import dev.baton.support.BatonProperties;
import dev.baton.support.kafka.BatonTopics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;

import java.nio.charset.StandardCharsets;

/**
 * The notification role's dead-letter topic, {@value #TOPIC}. It receives the deliveries the {@code DeliverySender}
 * gave up on (value: the notification; headers: {@value #DELIVERY_ID}, {@value #CHANNEL}, {@value #FAILURE_REASON}),
 * and a copy of every ticket event the listener parks ({@link Parking}: the record as it was, headers kept, the reason
 * added), as before parking existed. The notification listener's error handler is the role's {@link Parking} one;
 * Spring Boot hands the {@link DefaultErrorHandler} bean to the listener container factory. The listener takes a poll
 * at a time and names a failing record by its index ({@code BatchListenerFailedException}), so the handler retries
 * and parks that record as it would a single one, and the records before it stay done.
 */
@Configuration(proxyBeanMethods = false)
public class DeadLetters {
    public static final String TOPIC = "baton.notifications.dlt";
    /** Header added to a dead-lettered record: why it could not be delivered. */
    public static final String FAILURE_REASON = "baton_failure_reason";
    /** Header of a dead-lettered delivery: its id, for {@code POST /deliveries/{id}/retry}. */
    public static final String DELIVERY_ID = "baton_delivery_id";
    /** Header of a dead-lettered delivery: the channel it failed on. */
    public static final String CHANNEL = "baton_channel";
    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    @Bean
    BatonTopics.Declared notificationDeadLetterTopic(BatonProperties properties) {
        return new BatonTopics.Declared(BatonTopics.partitioned(TOPIC, properties.kafka()));
    }

    @Bean
    DefaultErrorHandler notificationErrorHandler(Parking parking, KafkaProperties kafkaProperties,
                                                 KafkaOperations<Object, Object> kafka, DeliveryMetrics metrics) {
        return parking.errorHandler(TicketEventListener.ROLE, kafkaProperties.getConsumer().getGroupId(),
                copyToTopic(kafka, metrics));
    }

    private static ConsumerRecordRecoverer copyToTopic(KafkaOperations<Object, Object> kafka, DeliveryMetrics metrics) {
        DeadLetterPublishingRecoverer publisher = new DeadLetterPublishingRecoverer(kafka,
                (record, failure) -> new TopicPartition(TOPIC, -1));
        publisher.setHeadersFunction((record, failure) -> {
            Headers headers = new RecordHeaders();
            headers.add(FAILURE_REASON, reason(failure).getBytes(StandardCharsets.UTF_8));
            return headers;
        });
        publisher.setFailIfSendResultIsError(true);
        return (record, failure) -> {
            publisher.accept(record, failure);
            metrics.deadLettered();
            log.info("Copied {} of ticket {} ({}-{}@{}) to {}", header(record, CloudEventHeaders.TYPE), record.key(),
                    record.topic(), record.partition(), record.offset(), TOPIC);
        };
    }

    static String reason(Throwable failure) {
        Throwable specific = cause(failure, UnreadableEventException.class);
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
