package dev.baton.command.inbox;

import dev.baton.api.ticket.command.CommandTopic;
import dev.baton.support.BatonProperties;
import dev.baton.support.kafka.BatonTopics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

import java.util.HashMap;
import java.util.Map;

/**
 * The consumer of the command topic: its own group, values as bytes, offsets committed after each record's command
 * was taken (at least once; the tickets ignore a command they have taken already). Failures other than refusals
 * are retried with back-off (up to about a minute), then the record goes to {@value CommandTopic#DEAD_LETTERS}
 * with its headers and the reason.
 */
@Configuration(proxyBeanMethods = false)
public class CommandTopicConfiguration {
    public static final String GROUP = "baton-ticket-command-inbox";

    @Bean
    BatonTopics.Declared commandDeadLetterTopic(BatonProperties properties) {
        return new BatonTopics.Declared(BatonTopics.partitioned(CommandTopic.DEAD_LETTERS, properties.kafka()));
    }

    @Bean
    ConcurrentKafkaListenerContainerFactory<String, byte[]> commandTopicListenerFactory(
            KafkaProperties kafka, KafkaTemplate<String, byte[]> template,
            io.micrometer.core.instrument.MeterRegistry metrics) {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties(null));
        config.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100);
        ConcurrentKafkaListenerContainerFactory<String, byte[]> factory = new ConcurrentKafkaListenerContainerFactory<>();
        DefaultKafkaConsumerFactory<String, byte[]> consumers = new DefaultKafkaConsumerFactory<>(config,
                new StringDeserializer(), new ByteArrayDeserializer());
        // the consumer's own metrics (records-lag-max: the command topic's lag) on the meter registry
        consumers.addListener(new org.springframework.kafka.core.MicrometerConsumerListener<>(metrics));
        factory.setConsumerFactory(consumers);
        factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.RECORD);
        ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
        backOff.setMaxInterval(10_000);
        backOff.setMaxElapsedTime(60_000);
        DefaultErrorHandler errors = new DefaultErrorHandler(new DeadLetterPublishingRecoverer(template,
                (record, failure) -> new TopicPartition(CommandTopic.DEAD_LETTERS, -1)), backOff);
        errors.addNotRetryableExceptions(CommandTopicListener.UnreadableCommandException.class);
        // retried from the records the container holds, not by seeking (a seek waits out the pending fetch)
        errors.setSeekAfterError(false);
        factory.setCommonErrorHandler(errors);
        return factory;
    }
}
