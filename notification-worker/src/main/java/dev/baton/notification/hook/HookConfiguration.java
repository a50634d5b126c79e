package dev.baton.notification.hook;

import dev.baton.notification.consumer.Parking;
import dev.baton.notification.consumer.RoleConsumers;
import dev.baton.notification.consumer.SeenTickets;
import dev.baton.support.BatonProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/** The hook role's consumer ({@link RoleConsumers}), settings and dead-letter topic. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HookProperties.class)
public class HookConfiguration {
    @Bean
    KafkaAdmin.NewTopics hookDeadLetterTopic(BatonProperties properties) {
        return new KafkaAdmin.NewTopics(TopicBuilder.name(HookAnswers.DEAD_LETTERS)
                .partitions(properties.kafka().partitions()).replicas(properties.kafka().replication()).build());
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
