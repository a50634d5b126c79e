package dev.baton.notification.consumer;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The listener container factory of a worker role (timers, hooks) on the events topic: its own consumer group from
 * the start of the topic, offsets committed at most once a second (as the other listeners on the topic do), always
 * after the role's table took the records, so a crash hands the records since the last commit to the next owner of the
 * partition, which the roles' writes take again harmlessly (their rows are keyed by what caused them); its consumer's
 * metrics (lag among them) on the meter registry, and the role's {@link Parking} error handler: a transient failure
 * is retried until it passes, any other is retried a bounded number of times and the record parked.
 */
public final class RoleConsumers {
    static final Duration ACK_TIME = Duration.ofSeconds(1);

    /**
     * The worker roles' fetches (as {@code @KafkaListener} properties): the broker answers a fetch once 64 KiB are
     * there or half a second has passed. Under load a role reads a few large polls a second instead of one small poll
     * per batch the relay produced (each a broker request, a consumer loop and a transaction); a notification, timer
     * schedule or hook call then waits at most half a second longer. An idle role asks twice a second, as before.
     * The projection keeps the default (an answer as soon as one record is there): the todo lists wait on it.
     */
    public static final String FETCH_MIN_BYTES = "fetch.min.bytes=${baton.worker.fetch-min-bytes:65536}";
    public static final String FETCH_MAX_WAIT = "fetch.max.wait.ms=${baton.worker.fetch-max-wait-ms:500}";

    private RoleConsumers() {
    }

    public static ConcurrentKafkaListenerContainerFactory<String, String> factory(KafkaProperties kafka,
                                                                                  MeterRegistry metrics, String group,
                                                                                  int maxPollRecords,
                                                                                  CommonErrorHandler errors) {
        return factory(kafka, metrics, group, maxPollRecords, errors, null);
    }

    /** As above; {@code seen}, if any, is told whenever the role's partitions move (to forget what it knew). */
    public static ConcurrentKafkaListenerContainerFactory<String, String> factory(KafkaProperties kafka,
                                                                                  MeterRegistry metrics, String group,
                                                                                  int maxPollRecords,
                                                                                  CommonErrorHandler errors,
                                                                                  ConsumerAwareRebalanceListener seen) {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties(null));
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
        DefaultKafkaConsumerFactory<String, String> consumers = new DefaultKafkaConsumerFactory<>(config,
                new StringDeserializer(), new StringDeserializer());
        consumers.addListener(new MicrometerConsumerListener<>(metrics));
        ConcurrentKafkaListenerContainerFactory<String, String> factory = new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(consumers);
        // a synchronous commit after every poll was a third of the broker's work on the reference flow
        factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.TIME);
        factory.getContainerProperties().setAckTime(ACK_TIME.toMillis());
        factory.setCommonErrorHandler(errors);
        if (seen != null) {
            factory.getContainerProperties().setConsumerRebalanceListener(seen);
        }
        return factory;
    }
}
