package dev.baton.standalone;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.core.env.StandardEnvironment;
import sun.misc.Signal;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Baton in one command: an embedded PostgreSQL, an in-JVM KRaft Kafka broker and the four services, with a demo
 * leave-request workflow, a demo directory and two caller applications. For a first run and for demos; production
 * runs the same services as separate processes (see deploy/).
 *
 * <p>Settings (environment): the ports ({@link StartupSettings}: {@code BATON_PORT_BASE}, one per service,
 * {@code BATON_PG_PORT}), where the data is kept ({@code --data-dir <path>} or {@code BATON_DATA_DIR}; without it, a
 * temporary directory deleted on stop: {@link DataDirectory}), {@code BATON_PG_STAT_STATEMENTS} ({@code true} loads pg_stat_statements, for the
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
            start(StartupSettings.from(System::getenv, Arrays.asList(args)));
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
        Running running = new Running();
        Runtime.getRuntime().addShutdownHook(new Thread(running::stop, "baton-shutdown"));
        stopOnSignals(running);
        // the data directory first: a second standalone on the same data is told so, not that its ports are taken
        DataDirectory data = startup.dataDir().map(DataDirectory::kept).orElseGet(DataDirectory::temporary);
        running.data = data;
        startup.assertPortsFree();
        // the library's working folder, which it makes even when told another: before the builder exists
        DataDirectory.binariesCache().ifPresent(cache -> System.setProperty("ot.epg.working-dir", cache.toString()));
        EmbeddedPostgres.Builder postgresBuilder = EmbeddedPostgres.builder()
                .setPort(startup.postgresPort())
                .setDataDirectory(data.postgres())
                .setCleanDataDirectory(false) // initialised when empty, reopened as it was otherwise
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
        createDatabaseIfMissing(postgres, "baton");

        KraftBroker kafka = KraftBroker.start(data.kafka());
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
        console(settings, startup.ports(), adminSecret, demoSecret);
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
                jdbcUrl, "postgres", "", kafka.bootstrapServers()), startup.ports(), settings);
        running.services = services;

        System.out.printf("""

                Baton is running (standalone, started in %.1f s).
                  workflow-config      %s   (admin: workflows, directory, caller apps)
                  ticket-command       %s   (create tickets, act on them)
                  ticket-query         %s   (todo / related / created lists, detail, flow log)
                  notification-worker  %s   (%s)
                  Console              %s   (sign in as any demo user)
                  OpenAPI              <service>/swagger-ui.html   (Try it out: Authorize with app, user and the
                                       app's secret in the signature field; the page signs each request)
                  PostgreSQL           %s (user postgres)
                  Kafka                %s
                  Data                 %s
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
                        : "notifications: a 'Notice for <user>' line in this log",
                services.url("workflow-config") + "/console/", jdbcUrl,
                kafka.bootstrapServers(), data.describe(), ADMIN_APP, adminSecret, DEMO_APP, demoSecret);
        Thread.currentThread().join();
    }

    /**
     * The web console, served by workflow-config at {@code /console/}: where the page finds the other services (their
     * ports on the page's own host), the origins they let it call from, and the demo's two applications, whose secrets
     * the page signs with (a demo only: in production the embedding system signs, see docs/console.md).
     * {@code BATON_CORS_ORIGINS} adds origins, such as a console served by a development server.
     */
    static void console(Map<String, String> settings, BatonServices.Ports ports, String adminSecret,
                        String demoSecret) {
        settings.put("workflow-config:baton.console.endpoints.ticket-command", ":" + ports.command());
        settings.put("workflow-config:baton.console.endpoints.ticket-query", ":" + ports.query());
        settings.put("workflow-config:baton.console.endpoints.notification-worker", ":" + ports.notification());
        settings.put("workflow-config:baton.console.demo-apps[0].app-id", ADMIN_APP);
        settings.put("workflow-config:baton.console.demo-apps[0].secret", adminSecret);
        settings.put("workflow-config:baton.console.demo-apps[0].admin", "true");
        settings.put("workflow-config:baton.console.demo-apps[1].app-id", DEMO_APP);
        settings.put("workflow-config:baton.console.demo-apps[1].secret", demoSecret);
        String origins = String.join(",", "http://localhost:" + ports.config(), "http://127.0.0.1:" + ports.config(),
                "http://[::1]:" + ports.config(), env("BATON_CORS_ORIGINS", "")).replaceAll(",$", "");
        settings.put("baton.api.cors.allowed-origins", origins);
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

    /**
     * What has started so far, stopped in reverse order on exit (Ctrl+C, or a failed start); once. The data directory
     * goes last, when nothing writes to it any more: unlocked, and deleted if it was temporary.
     */
    private static final class Running {
        volatile DataDirectory data;
        volatile BatonServices services;
        volatile KraftBroker kafka;
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
                // the broker's channel to its own controller reports the controller going away: not news at the end
                LoggingSystem logging = LoggingSystem.get(BatonStandalone.class.getClassLoader());
                logging.setLogLevel("org.apache.kafka.clients.NetworkClient", LogLevel.OFF);
                kafka.close();
            }
            if (postgres != null) {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // shutting down
                }
            }
            if (data != null) {
                data.release();
            }
            if (services != null) {
                System.out.println("Baton stopped.");
            }
        }
    }

    /** Creates the database on the first start; a kept data directory has it from then on. */
    private static void createDatabaseIfMissing(EmbeddedPostgres postgres, String name) throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
             PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, name);
            try (ResultSet found = exists.executeQuery()) {
                if (!found.next()) {
                    c.createStatement().execute("CREATE DATABASE " + name);
                }
            }
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
