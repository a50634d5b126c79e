package dev.baton.support;

import dev.baton.api.app.CallerApp;
import dev.baton.support.auth.CallerApps;
import dev.baton.testing.TestDatabases;

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
}
