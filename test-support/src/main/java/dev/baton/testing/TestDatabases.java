package dev.baton.testing;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Real PostgreSQL databases for tests. Where Docker exists, a Testcontainers PostgreSQL 15 serves them; otherwise the
 * local server named by {@code BATON_TEST_JDBC_URL} (default {@code jdbc:postgresql://127.0.0.1:5432/postgres},
 * user {@code BATON_TEST_DB_USER}, default {@code postgres}). Each call creates a fresh, empty database, dropped
 * when the JVM exits, so test classes never see each other's data.
 */
public final class TestDatabases {
    private static final List<String> created = new CopyOnWriteArrayList<>();
    private static volatile Server server;

    /** Where a test database lives and how to log in. */
    public record Database(String jdbcUrl, String username, String password) {
        public String r2dbcUrl() {
            return jdbcUrl.replaceFirst("^jdbc:", "r2dbc:");
        }
    }

    private record Server(String adminUrl, String username, String password) {
    }

    private TestDatabases() {
    }

    public static Database create(String prefix) {
        Server s = server();
        String name = (prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)).toLowerCase();
        try (Connection c = DriverManager.getConnection(s.adminUrl(), s.username(), s.password())) {
            c.createStatement().execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create test database " + name + " at " + s.adminUrl(), e);
        }
        created.add(name);
        return new Database(s.adminUrl().replaceFirst("/[^/?]*(\\?.*)?$", "/" + name), s.username(), s.password());
    }

    private static synchronized Server server() {
        if (server != null) {
            return server;
        }
        String url = System.getenv("BATON_TEST_JDBC_URL");
        if (url == null && System.getenv("BATON_TEST_USE_DOCKER") != null && dockerAvailable()) {
            PostgreSQLContainer<?> container = new PostgreSQLContainer<>("postgres:15-alpine");
            container.start();
            server = new Server(container.getJdbcUrl(), container.getUsername(), container.getPassword());
        } else {
            server = new Server(url == null ? "jdbc:postgresql://127.0.0.1:5432/postgres" : url,
                    env("BATON_TEST_DB_USER", "postgres"), env("BATON_TEST_DB_PASSWORD", ""));
        }
        Runtime.getRuntime().addShutdownHook(new Thread(TestDatabases::dropAll, "drop-test-databases"));
        return server;
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }

    private static void dropAll() {
        Server s = server;
        if (s == null || created.isEmpty()) {
            return;
        }
        try (Connection c = DriverManager.getConnection(s.adminUrl(), s.username(), s.password())) {
            for (String name : created) {
                try {
                    c.createStatement().execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                } catch (SQLException ignored) {
                    // best effort: the server may be gone already
                }
            }
        } catch (SQLException ignored) {
            // best effort
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
