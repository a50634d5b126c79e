package dev.baton.query.admin;

import org.apache.kafka.clients.admin.Admin;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/** The Kafka admin client the rebuild uses to move the projection's consumer group. */
@Configuration(proxyBeanMethods = false)
public class ProjectionAdminConfiguration {

    @Bean(destroyMethod = "close")
    Admin projectionAdmin(KafkaAdmin kafkaAdmin) {
        return Admin.create(kafkaAdmin.getConfigurationProperties());
    }
}
