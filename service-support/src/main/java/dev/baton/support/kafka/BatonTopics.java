package dev.baton.support.kafka;

import dev.baton.api.Topics;
import dev.baton.support.BatonProperties;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

import java.util.ArrayList;
import java.util.List;

/**
 * Declares Baton's topics; every service declares them all, so whichever starts first creates them. They are set up
 * by {@link TopicSetup}, not by Spring's {@link KafkaAdmin}: that one would add partitions to an existing topic that
 * has fewer than declared, which moves tickets' keys to other partitions while their events are in flight.
 */
@Configuration(proxyBeanMethods = false)
public class BatonTopics {

    /** Topics a service declares, as one bean; {@link TopicSetup} creates or checks them all at start. */
    public record Declared(List<NewTopic> topics) {
        public Declared(NewTopic... topics) {
            this(List.of(topics));
        }
    }

    @Bean
    Declared batonTopics(BatonProperties properties) {
        BatonProperties.Kafka kafka = properties.kafka();
        return new Declared(
                partitioned(Topics.TICKET_EVENTS, kafka),
                partitioned(Topics.TICKET_COMMANDS, kafka),
                compacted(Topics.CONFIG_WORKFLOWS, kafka),
                compacted(Topics.CONFIG_DIRECTORY, kafka),
                compacted(Topics.CONFIG_APPS, kafka));
    }

    /** A topic keyed by ticket (or a dead-letter topic): {@code baton.kafka.partitions}, replication and min ISR. */
    public static NewTopic partitioned(String name, BatonProperties.Kafka kafka) {
        return TopicBuilder.name(name).partitions(kafka.partitions()).replicas(kafka.replication())
                .config(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(kafka.minInsyncReplicas()))
                .build();
    }

    private static NewTopic compacted(String name, BatonProperties.Kafka kafka) {
        return TopicBuilder.name(name).partitions(3).replicas(kafka.replication())
                .config(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(kafka.minInsyncReplicas()))
                .config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)
                .config(TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG, "0")
                .build();
    }

    /** Spring's admin keeps its other uses (clients built from its settings) but sets up no topic. */
    @Bean
    static BeanPostProcessor kafkaAdminCreatesNoTopics() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof KafkaAdmin admin) {
                    admin.setAutoCreate(false);
                }
                return bean;
            }
        };
    }

    @Bean
    TopicSetup topicSetup(ObjectProvider<KafkaAdmin> admin, ObjectProvider<NewTopic> topics,
                          ObjectProvider<Declared> topicLists) {
        // no admin, no Kafka: an application without it (a test of the web edge) sets nothing up
        KafkaAdmin kafkaAdmin = admin.getIfAvailable();
        return new TopicSetup(kafkaAdmin == null ? null : kafkaAdmin.getConfigurationProperties(), () -> {
            List<NewTopic> all = new ArrayList<>();
            topics.orderedStream().forEach(all::add);
            topicLists.orderedStream().forEach(list -> all.addAll(list.topics()));
            return all;
        });
    }
}
