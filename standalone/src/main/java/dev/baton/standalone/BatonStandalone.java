package dev.baton.standalone;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import sun.misc.Signal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Baton in one command: an embedded PostgreSQL, an in-JVM KRaft Kafka broker and the four services, with a demo
 * leave-request workflow, a demo directory and two caller applications. For a first run and for demos; production
 * runs the same services as separate processes (see deploy/).
 *
 * <p>Settings (environment): the ports ({@link StartupSettings}: {@code BATON_PORT_BASE}, one per service,
 * {@code BATON_PG_PORT}), {@code BATON_PG_STAT_STATEMENTS} ({@code true} loads pg_stat_statements, for the
 * benchmark's cost model), {@code BATON_ADMIN_SECRET}, {@code BATON_DEMO_SECRET},
 * {@code BATON_NOTIFICATION_WEBHOOK_URL}. When it cannot start (a port in use, a bad setting, a service that fails),
 * it says why in one line on standard error, stops what it had started, and exits with status 1.
 */
public final class BatonStandalone {
    public static final String ADMIN_APP = "admin-console";
    public static final String DEMO_APP = "demo-oa";

    private BatonStandalone() {
    }

    public static void main(String[] args) {
        System.setProperty("axoniq.update-checker.disabled", "true");
        try {
            initLogging();
            StartupSettings settings = StartupSettings.from(System::getenv);
            settings.assertPortsFree();
            start(settings);
        } catch (StartupSettings.StartFailure e) {
            fail(e.getMessage());
        } catch (Exception e) {
            fail(reason(e));
        }
    }

    /**
     * Configures logging from the standalone's {@code logback-spring.xml} before the database and the broker start, so
     * their start-up is as quiet as the services'; the services' contexts find it configured and keep it.
     */
    private static void initLogging() {
        LoggingSystem logging = LoggingSystem.get(BatonStandalone.class.getClassLoader());
        logging.beforeInitialize();
        logging.initialize(new LoggingInitializationContext(new StandardEnvironment()), "classpath:logback-spring.xml",
                null);
    }

    /** One line on standard error, then exit 1: the shutdown hook stops whatever had started. */
    private static void fail(String reason) {
        System.err.println("Baton could not start: " + reason);
        System.exit(1);
    }

    /** The innermost cause's message: what went wrong, without the layers that passed it on. */
    static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.lines().findFirst().orElse(message);
    }

    private static void start(StartupSettings startup) throws Exception {
        long started = System.nanoTime();
        Path data = Files.createTempDirectory("baton-standalone-");
        Running running = new Running();
        Runtime.getRuntime().addShutdownHook(new Thread(running::stop, "baton-shutdown"));
        stopOnSignals(running);
        EmbeddedPostgres.Builder postgresBuilder = EmbeddedPostgres.builder()
                .setPort(startup.postgresPort())
                .setDataDirectory(data.resolve("pg"))
                .setCleanDataDirectory(true)
                .setRegisterShutdownHook(false) // stopped by Running, after the services that use it
                .setServerConfig("max_connections", "100")
                .setServerConfig("shared_buffers", "64MB")
                // the projection rewrites rows as tickets move: look for dead rows every 10 s, not every minute
                .setServerConfig("autovacuum_naptime", "10s");
        if ("true".equals(System.getenv("BATON_PG_STAT_STATEMENTS"))) {
            // for the benchmark's cost model (bench flow --cost): executions per statement
            postgresBuilder.setServerConfig("shared_preload_libraries", "pg_stat_statements");
        }
        EmbeddedPostgres postgres = postgresBuilder.start();
        running.postgres = postgres;
        createDatabase(postgres, "baton");

        EmbeddedKafkaKraftBroker kafka = broker(data.resolve("kafka"));
        running.kafka = kafka;

        String adminSecret = env("BATON_ADMIN_SECRET", "admin-console-demo-secret");
        String demoSecret = env("BATON_DEMO_SECRET", "demo-oa-secret");
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("workflow-config:baton.bootstrap.admin-app", ADMIN_APP);
        settings.put("workflow-config:baton.bootstrap.admin-secret", adminSecret);
        settings.put("workflow-config:baton.bootstrap.apps[0].app-id", DEMO_APP);
        settings.put("workflow-config:baton.bootstrap.apps[0].name", "Demo OA system");
        settings.put("workflow-config:baton.bootstrap.apps[0].secret", demoSecret);
        settings.put("workflow-config:baton.bootstrap.apps[0].workflows[0]", "leave-request");
        settings.put("workflow-config:baton.demo.enabled", "true");
        // Swagger UI's "Try it out" signs requests in the browser (TryItOutSigning); a demo convenience only
        settings.put("baton.api.try-it-out-signing", "true");
        String webhook = System.getenv("BATON_NOTIFICATION_WEBHOOK_URL");
        if (webhook != null && !webhook.isBlank()) {
            settings.put("notification-worker:baton.notification.webhook-url", webhook);
        } else {
            // the demo channel: each notice is a line in this log, so a newcomer sees who is told of what
            settings.put("notification-worker:baton.notification.channels.log.type", "LOG");
            settings.put("notification-worker:baton.notification.default-channels[0]", "log");
        }

        String jdbcUrl = "jdbc:postgresql://localhost:" + postgres.getPort() + "/baton";
        BatonServices services = BatonServices.start(new BatonServices.Infrastructure(
                jdbcUrl, "postgres", "", kafka.getBrokersAsString()), startup.ports(), settings);
        running.services = services;

        System.out.printf("""

                Baton is running (standalone, started in %.1f s).
                  workflow-config      %s   (admin: workflows, directory, caller apps)
                  ticket-command       %s   (create tickets, act on them)
                  ticket-query         %s   (todo / related / created lists, detail, flow log)
                  notification-worker  %s   (%s)
                  OpenAPI              <service>/swagger-ui.html   (Try it out: Authorize with app, user and the
                                       app's secret in the signature field; the page signs each request)
                  PostgreSQL           %s (user postgres)
                  Kafka                %s
                Caller applications (sign requests as described in README.md):
                  %-14s secret %s   (admin)
                  %-14s secret %s   (workflow leave-request)
                Demo workflow 'leave-request' and a demo directory (alice, lena, dina, ops1..ops5, ...) are loaded.
                Try the API tour: docs/api-tour.sh
                Press Ctrl+C to stop.
                %n""", (System.nanoTime() - started) / 1e9,
                services.url("workflow-config"), services.url("ticket-command"), services.url("ticket-query"),
                services.url("notification-worker"), webhook != null && !webhook.isBlank()
                        ? "notifications to BATON_NOTIFICATION_WEBHOOK_URL"
                        : "notifications: a 'Notice for <user>' line in this log", jdbcUrl,
                kafka.getBrokersAsString(), ADMIN_APP, adminSecret, DEMO_APP, demoSecret);
        Thread.currentThread().join();
    }

    /**
     * Ctrl+C and {@code kill} stop everything in order (the services, then the broker, then the database) before the
     * JVM exits: left to the JVM's shutdown hooks, which run all at once, the broker's and the database's own clean-up
     * would pull their folders and connections from under the services still stopping.
     */
    private static void stopOnSignals(Running running) {
        for (String name : List.of("INT", "TERM")) {
            try {
                Signal.handle(new Signal(name), signal -> {
                    running.stop();
                    System.exit(0);
                });
            } catch (IllegalArgumentException unsupported) {
                // this platform has no such signal: the shutdown hook stops everything instead
            }
        }
    }

    /** What has started so far, stopped in reverse order on exit (Ctrl+C, or a failed start); once. */
    private static final class Running {
        volatile BatonServices services;
        volatile EmbeddedKafkaKraftBroker kafka;
        volatile EmbeddedPostgres postgres;
        private boolean stopped;

        synchronized void stop() {
            if (stopped) {
                return;
            }
            stopped = true;
            if (services != null) {
                services.close();
            }
            if (kafka != null) {
                // the in-JVM broker's scheduler may still write a checkpoint into the folders it is deleting, and its
                // controller channel reports closing twice: neither is news at the end
                LoggingSystem logging = LoggingSystem.get(BatonStandalone.class.getClassLoader());
                logging.setLogLevel("org.apache.kafka.storage.internals.log.LogDirFailureChannel", LogLevel.OFF);
                logging.setLogLevel("org.apache.kafka.clients.NetworkClient", LogLevel.OFF);
                kafka.destroy();
            }
            if (postgres != null) {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // shutting down
                }
            }
            if (services != null) {
                System.out.println("Baton stopped.");
            }
        }
    }

    /** The in-JVM KRaft broker as the standalone runs it, started, its logs in {@code logs}. */
    static EmbeddedKafkaKraftBroker broker(Path logs) {
        EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, 6);
        kafka.brokerProperty("group.initial.rebalance.delay.ms", "0");
        // a single-node broker sharing the JVM: few internal partitions, small preallocated indexes, few threads,
        // and a small log-cleaner buffer (the default takes 128 MB of heap; the compacted topics here are tiny)
        kafka.brokerProperty("offsets.topic.num.partitions", "6");
        kafka.brokerProperty("log.index.size.max.bytes", "1048576");
        kafka.brokerProperty("log.cleaner.dedupe.buffer.size", Integer.toString(4 * 1024 * 1024));
        kafka.brokerProperty("log.cleaner.io.buffer.size", Integer.toString(128 * 1024));
        kafka.brokerProperty("num.network.threads", "2");
        kafka.brokerProperty("num.io.threads", "4");
        kafka.brokerProperty("background.threads", "2");
        kafka.brokerProperty("num.recovery.threads.per.data.dir", "1");
        kafka.brokerProperty("log.dirs", logs.toString());
        // idle cost: the controller writes a no-op record to the metadata log every 500 ms by default and the broker
        // heartbeats it every 2 s; in one JVM with one node, every 10 s is enough
        kafka.brokerProperty("metadata.max.idle.interval.ms", "10000");
        kafka.brokerProperty("broker.heartbeat.interval.ms", "10000");
        kafka.brokerProperty("broker.session.timeout.ms", "60000");
        kafka.afterPropertiesSet();
        return kafka;
    }

    private static void createDatabase(EmbeddedPostgres postgres, String name) throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection()) {
            c.createStatement().execute("CREATE DATABASE " + name);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
