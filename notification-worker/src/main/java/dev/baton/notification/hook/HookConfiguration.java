package dev.baton.notification.hook;

import dev.baton.notification.consumer.Parking;
import dev.baton.notification.consumer.RoleConsumers;
import dev.baton.notification.consumer.SeenTickets;
import dev.baton.support.BatonProperties;
import dev.baton.support.kafka.BatonTopics;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;

/** The hook role's consumer ({@link RoleConsumers}), settings and dead-letter topic. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HookProperties.class)
public class HookConfiguration {
    @Bean
    BatonTopics.Declared hookDeadLetterTopic(BatonProperties properties) {
        return new BatonTopics.Declared(BatonTopics.partitioned(HookAnswers.DEAD_LETTERS, properties.kafka()));
    }

    @Bean
    ConcurrentKafkaListenerContainerFactory<String, String> hookListenerFactory(KafkaProperties kafka,
                                                                                MeterRegistry metrics,
                                                                                Parking parking,
                                                                                HookSeenTickets seen) {
        return RoleConsumers.factory(kafka, metrics, HookEventListener.GROUP, 200,
                parking.errorHandler(HookEventListener.ROLE, HookEventListener.GROUP, null),
                SeenTickets.forgetOnRebalance(seen.withCalls(), seen.followed()));
    }

    @Bean
    HookSeenTickets hookSeenTickets() {
        return new HookSeenTickets(SeenTickets.DEFAULT_CAPACITY);
    }
}
