package dev.baton.notification;

import dev.baton.notification.consumer.ConsumerProperties;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * notification-worker: follows {@code baton.ticket.events} in its own consumer group and tells the people a ticket
 * reaches, by posting to a webhook. See the module README for who is notified and how deliveries are made reliable.
 */
@SpringBootApplication
@EnableConfigurationProperties({NotificationProperties.class, ConsumerProperties.class})
public class NotificationWorkerApplication {
    public static final String CONFIG_NAME = "notification-worker";

    public static void main(String[] args) {
        System.setProperty("axoniq.update-checker.disabled", "true");
        new SpringApplicationBuilder(NotificationWorkerApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME).run(args);
    }
}
