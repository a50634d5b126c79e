package dev.baton.standalone;

import dev.baton.command.TicketCommandApplication;
import dev.baton.config.WorkflowConfigApplication;
import dev.baton.notification.NotificationWorkerApplication;
import dev.baton.query.TicketQueryApplication;
import org.slf4j.MDC;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts the four Baton services as separate Spring contexts in this JVM, each with its own port, schema and
 * consumer groups: exactly what runs as separate processes in production, sharing one JVM.
 */
public final class BatonServices implements AutoCloseable {

    /** Where PostgreSQL (a database, no schema) and Kafka are. */
    public record Infrastructure(String jdbcUrl, String username, String password, String kafkaBootstrap) {
        String jdbc(String schema) {
            return jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        }

        String r2dbc(String schema) {
            return jdbc(schema).replaceFirst("^jdbc:", "r2dbc:");
        }
    }

    /** The ports to serve on; 0 picks a free one. */
    public record Ports(int config, int command, int query, int notification) {
        public static Ports defaults() {
            return new Ports(8081, 8082, 8083, 8084);
        }

        public static Ports random() {
            return new Ports(0, 0, 0, 0);
        }
    }

    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();
    private final Map<String, Integer> ports = new LinkedHashMap<>();

    private BatonServices() {
    }

    /**
     * @param extra properties for every service; a key prefixed with a service name and a colon
     *              ({@code workflow-config:baton.demo.enabled}) applies to that service only
     */
    public static BatonServices start(Infrastructure infra, Ports ports, Map<String, String> extra) {
        System.setProperty("axoniq.update-checker.disabled", "true");
        BatonServices services = new BatonServices();
        try {
            services.run("workflow-config", WorkflowConfigApplication.class, ports.config(), infra, "workflow_config", extra);
            services.run("ticket-command", TicketCommandApplication.class, ports.command(), infra, "ticket_command", extra);
            services.run("ticket-query", TicketQueryApplication.class, ports.query(), infra, "ticket_query", extra);
            services.run("notification-worker", NotificationWorkerApplication.class, ports.notification(), infra,
                    "notification_worker", extra);
            return services;
        } catch (RuntimeException e) {
            services.close();
            throw e;
        }
    }

    private void run(String name, Class<?> application, int port, Infrastructure infra, String schema,
                     Map<String, String> extra) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.config.name", name);
        properties.put("server.port", port);
        properties.put("spring.datasource.url", infra.jdbc(schema));
        properties.put("spring.datasource.username", infra.username());
        properties.put("spring.datasource.password", infra.password());
        // ticket-query's projection threads each hold a connection while they write a poll; list reads use the rest
        properties.put("spring.datasource.hikari.maximum-pool-size", schema.equals("ticket_query") ? 16 : 8);
        properties.put("spring.kafka.bootstrap-servers", infra.kafkaBootstrap());
        // one instance of each service: request nonces are remembered in memory only (ADR 0006)
        properties.put("baton.auth.nonces", "local");
        // one JVM on few cores: two projection consumers (three partitions each) and one notification consumer write
        // bigger batches, in fewer transactions, and ask the broker less often than six and three would
        if (schema.equals("ticket_query")) {
            properties.put("spring.kafka.listener.concurrency", 2);
        } else if (schema.equals("notification_worker")) {
            properties.put("spring.kafka.listener.concurrency", 1);
        }
        if (schema.equals("ticket_command")) {
            // the only writer of its event store: every commit wakes the store's readers, so polling it for events
            // another instance stored finds nothing; it is kept only as a slow safety net
            properties.put("baton.command.event-store-poll-interval", "10s");
        }
        if (schema.equals("ticket_query")) {
            // the only instance: no other one waits for what this one projects (PeerVersions)
            properties.put("baton.query.peers", false);
            properties.put("spring.r2dbc.url", infra.r2dbc(schema));
            properties.put("spring.r2dbc.username", infra.username());
            properties.put("spring.r2dbc.password", infra.password());
        }
        extra.forEach((key, value) -> {
            int colon = key.indexOf(':');
            if (colon < 0) {
                properties.put(key, value);
            } else if (key.substring(0, colon).equals(name)) {
                properties.put(key.substring(colon + 1), value);
            }
        });
        // as command-line arguments, so they win over each service's own yml (builder properties would not)
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        // the lines the main thread logs while this context starts are this service's (ServiceOfLine); the caller
        // stops the contexts (close()), in order, so none registers a shutdown hook of its own
        MDC.put(ServiceOfLine.MDC_KEY, name);
        ConfigurableApplicationContext context;
        try {
            context = new SpringApplicationBuilder(application).registerShutdownHook(false).run(args);
        } finally {
            MDC.remove(ServiceOfLine.MDC_KEY);
        }
        contexts.add(context);
        ports.put(name, Integer.parseInt(context.getEnvironment().getProperty("local.server.port", "-1")));
    }

    public int port(String service) {
        return ports.get(service);
    }

    public String url(String service) {
        return "http://localhost:" + port(service);
    }

    /**
     * Stops every service at once: each waits for its consumers' last poll and its processors' last batch, so one
     * after another they would take the sum of those waits.
     */
    @Override
    public void close() {
        List<Thread> closing = new ArrayList<>();
        for (ConfigurableApplicationContext context : contexts) {
            Thread thread = new Thread(() -> {
                try {
                    context.close();
                } catch (RuntimeException ignored) {
                    // keep closing the others
                }
            }, "close-" + context.getId());
            thread.start();
            closing.add(thread);
        }
        for (Thread thread : closing) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        contexts.clear();
    }
}
