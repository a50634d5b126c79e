package dev.baton.config;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * workflow-config: the source of truth for workflow definitions, the directory and caller applications. It stores
 * them in its own schema and publishes every change on compacted Kafka topics through a transactional outbox; the
 * other services keep replicas of those topics and never call it to decide.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class WorkflowConfigApplication {

    public static void main(String[] args) {
        System.setProperty("axoniq.update-checker.disabled", "true");
        new SpringApplicationBuilder(WorkflowConfigApplication.class)
                .properties("spring.config.name=workflow-config")
                .run(args);
    }
}
