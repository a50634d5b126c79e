package dev.baton.support.kafka;

import dev.baton.api.Topics;
import dev.baton.support.BatonProperties;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/** Declares Baton's topics; every service declares them all, so whichever starts first creates them. */
@Configuration(proxyBeanMethods = false)
public class BatonTopics {

    @Bean
    KafkaAdmin.NewTopics batonTopics(BatonProperties properties) {
        int partitions = properties.kafka().partitions();
        short replication = properties.kafka().replication();
        return new KafkaAdmin.NewTopics(
                TopicBuilder.name(Topics.TICKET_EVENTS).partitions(partitions).replicas(replication).build(),
                TopicBuilder.name(Topics.TICKET_COMMANDS).partitions(partitions).replicas(replication).build(),
                compacted(Topics.CONFIG_WORKFLOWS, replication),
                compacted(Topics.CONFIG_DIRECTORY, replication),
                compacted(Topics.CONFIG_APPS, replication));
    }

    private static org.apache.kafka.clients.admin.NewTopic compacted(String name, short replication) {
        return TopicBuilder.name(name).partitions(3).replicas(replication)
                .config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)
                .config(TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG, "0")
                .build();
    }
}
