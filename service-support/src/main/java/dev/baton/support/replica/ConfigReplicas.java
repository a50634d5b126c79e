package dev.baton.support.replica;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.api.Topics;
import dev.baton.support.BatonProperties;
import org.apache.kafka.clients.admin.Admin;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

import java.util.List;
import java.util.Map;

/**
 * The local replicas of workflow-config's compacted topics. A service is ready only when each has read what its
 * topic held at start-up, so it never decides on a half-loaded directory.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "baton.replicas.enabled", havingValue = "true", matchIfMissing = true)
public class ConfigReplicas {

    @Bean(destroyMethod = "close")
    Admin replicaAdmin(KafkaAdmin kafkaAdmin) {
        return Admin.create(kafkaAdmin.getConfigurationProperties());
    }

    @Bean
    WorkflowCatalog workflowCatalog(ObjectMapper json, BatonProperties properties) {
        return new WorkflowCatalog(json, properties.replicas().catchUpTimeout());
    }

    @Bean
    DirectoryReplica directoryReplica(ObjectMapper json, BatonProperties properties) {
        return new DirectoryReplica(json, properties.replicas().catchUpTimeout());
    }

    @Bean
    CallerAppReplica callerAppReplica(ObjectMapper json, BatonProperties properties) {
        return new CallerAppReplica(json, properties.replicas().catchUpTimeout());
    }

    @Bean
    CompactedTopicReplica workflowsReplica(KafkaProperties kafka, Admin replicaAdmin, WorkflowCatalog catalog) {
        var replica = new CompactedTopicReplica(Topics.CONFIG_WORKFLOWS, consumerConfig(kafka), replicaAdmin, catalog::apply);
        catalog.attach(replica);
        return replica;
    }

    @Bean
    CompactedTopicReplica directoryTopicReplica(KafkaProperties kafka, Admin replicaAdmin, DirectoryReplica directory) {
        var replica = new CompactedTopicReplica(Topics.CONFIG_DIRECTORY, consumerConfig(kafka), replicaAdmin, directory::apply);
        directory.attach(replica);
        return replica;
    }

    @Bean
    CompactedTopicReplica appsReplica(KafkaProperties kafka, Admin replicaAdmin, CallerAppReplica apps) {
        var replica = new CompactedTopicReplica(Topics.CONFIG_APPS, consumerConfig(kafka), replicaAdmin, apps::apply);
        apps.attach(replica);
        return replica;
    }

    @Bean
    HealthIndicator replicasHealthIndicator(List<CompactedTopicReplica> replicas) {
        return () -> {
            List<String> loading = replicas.stream().filter(r -> !r.initialised()).map(CompactedTopicReplica::topic).toList();
            return loading.isEmpty() ? Health.up().build() : Health.outOfService().withDetail("loading", loading).build();
        };
    }

    private static Map<String, Object> consumerConfig(KafkaProperties kafka) {
        return kafka.buildConsumerProperties(null);
    }
}
