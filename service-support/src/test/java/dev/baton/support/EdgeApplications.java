package dev.baton.support;

import dev.baton.api.app.CallerApp;
import dev.baton.support.auth.CallerApps;
import dev.baton.testing.TestDatabases;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the small applications of service-support's tests share: a service named {@code name} on a random port, on its
 * own database with the common migrations, without config replicas or a banner, and one known caller application.
 */
public final class EdgeApplications {
    private EdgeApplications() {
    }

    /** The settings; a test adds its own to the returned map. */
    public static Map<String, Object> properties(String name, TestDatabases.Database db) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.config.name", name);
        properties.put("spring.application.name", name);
        properties.put("server.port", 0);
        properties.put("spring.datasource.url", db.jdbcUrl());
        properties.put("spring.datasource.username", db.username());
        properties.put("spring.datasource.password", db.password());
        properties.put("spring.flyway.locations", "classpath:db/migration/common");
        properties.put("spring.main.banner-mode", "off");
        properties.put("baton.replicas.enabled", false);
        return properties;
    }

    /** Caller applications that know {@code app} alone. */
    public static CallerApps only(CallerApp app) {
        return appId -> Optional.of(app).filter(known -> known.appId().equals(appId));
    }

    /** The port a started application listens on. */
    public static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    /** An unsigned client of a started application. */
    public static WebTestClient client(ConfigurableApplicationContext context) {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port(context)).build();
    }

    /** Closes the applications that started. */
    public static void close(ConfigurableApplicationContext... contexts) {
        for (ConfigurableApplicationContext context : contexts) {
            if (context != null) {
                context.close();
            }
        }
    }
}
