package dev.baton.query;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The read side of Baton: projects ticket events into query tables and serves lists, details and flow logs. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TicketQueryApplication {
    public static final String CONFIG_NAME = "ticket-query";

    public static void main(String[] args) {
        System.setProperty("axoniq.update-checker.disabled", "true");
        new SpringApplicationBuilder(TicketQueryApplication.class).properties("spring.config.name=" + CONFIG_NAME).run(args);
    }
}
