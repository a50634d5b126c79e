package dev.baton.notification.hook;

import dev.baton.support.BatonProperties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

import java.util.HashMap;
import java.util.Map;

/**
 * The hook role's consumer (its own group; a failure, such as the database away, is retried until it succeeds, an
 * unreadable event skipped) and its dead-letter topic.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HookProperties.class)
public class HookConfiguration {
    private static final Logger log = LoggerFactory.getLogger(HookConfiguration.class);

    @Bean
    KafkaAdmin.NewTopics hookDeadLetterTopic(BatonProperties properties) {
        return new KafkaAdmin.NewTopics(TopicBuilder.name(HookAnswers.DEAD_LETTERS)
                .partitions(properties.kafka().partitions()).replicas(properties.kafka().replication()).build());
    }

    @Bean
    ConcurrentKafkaListenerContainerFactory<String, String> hookListenerFactory(KafkaProperties kafka,
            io.micrometer.core.instrument.MeterRegistry metrics) {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties(null));
        config.put(ConsumerConfig.GROUP_ID_CONFIG, HookEventListener.GROUP);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        ConcurrentKafkaListenerContainerFactory<String, String> factory = new ConcurrentKafkaListenerContainerFactory<>();
        DefaultKafkaConsumerFactory<String, String> consumers = new DefaultKafkaConsumerFactory<>(config,
                new StringDeserializer(), new StringDeserializer());
        // the consumer's own metrics (records-lag-max: this role's consumer lag) on the meter registry
        consumers.addListener(new org.springframework.kafka.core.MicrometerConsumerListener<>(metrics));
        factory.setConsumerFactory(consumers);
        factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.BATCH);
        ExponentialBackOff untilItWorks = new ExponentialBackOff(500, 2.0);
        untilItWorks.setMaxInterval(30_000);
        DefaultErrorHandler errors = new DefaultErrorHandler((record, failure) ->
                log.warn("Skipping unreadable ticket event {}-{}@{}: {}", record.topic(), record.partition(),
                        record.offset(), failure.getMessage()), untilItWorks);
        errors.addNotRetryableExceptions(java.io.IOException.class);
        factory.setCommonErrorHandler(errors);
        return factory;
    }
}
