package dev.baton.notification.timer;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

import java.util.HashMap;
import java.util.Map;

/**
 * The timer role's consumer: its own group, offsets committed per record after the timer table took it. A failure
 * (the database away) is retried with back-off until it succeeds: a schedule is never skipped. An unreadable event
 * cannot schedule anything and is logged and skipped.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TimerProperties.class)
public class TimerConfiguration {
    private static final Logger log = LoggerFactory.getLogger(TimerConfiguration.class);

    @Bean
    ConcurrentKafkaListenerContainerFactory<String, String> timerListenerFactory(KafkaProperties kafka,
            io.micrometer.core.instrument.MeterRegistry metrics) {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties(null));
        config.put(ConsumerConfig.GROUP_ID_CONFIG, TimerEventListener.GROUP);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 200);
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
        errors.addNotRetryableExceptions(java.io.IOException.class,
                com.fasterxml.jackson.core.JsonProcessingException.class);
        factory.setCommonErrorHandler(errors);
        return factory;
    }
}
