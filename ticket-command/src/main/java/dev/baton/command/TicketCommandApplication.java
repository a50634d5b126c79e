package dev.baton.command;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** ticket-command: decides, stores events in the Axon JDBC event store and relays them to Kafka. */
@SpringBootApplication
public class TicketCommandApplication {
    public static final String CONFIG_NAME = "ticket-command";

    public static void main(String[] args) {
        System.setProperty("axoniq.update-checker.disabled", "true");
        new SpringApplicationBuilder(TicketCommandApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME).run(args);
    }
}
