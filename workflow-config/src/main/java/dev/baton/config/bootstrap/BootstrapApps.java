package dev.baton.config.bootstrap;

import dev.baton.api.app.CallerApp;
import dev.baton.config.app.AppService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Makes the configured bootstrap apps exist on start with exactly their configured secrets: the admin app
 * (admin, every workflow) and any {@code baton.bootstrap.apps}. Publishes them only when they changed.
 */
@Component
@Order(0)
public class BootstrapApps implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(BootstrapApps.class);
    private final BootstrapProperties properties;
    private final AppService apps;

    public BootstrapApps(BootstrapProperties properties, AppService apps) {
        this.properties = properties;
        this.apps = apps;
    }

    @Override
    public void run(ApplicationArguments args) {
        String adminApp = properties.adminApp();
        if (adminApp != null && !adminApp.isBlank()) {
            if (properties.adminSecret() == null || properties.adminSecret().isBlank()) {
                throw new IllegalStateException("baton.bootstrap.admin-app is set to '" + adminApp
                        + "' but baton.bootstrap.admin-secret is not");
            }
            ensure(new CallerApp(adminApp, adminApp, properties.adminSecret(), true, List.of("*"), true));
        }
        for (BootstrapProperties.App app : properties.apps()) {
            ensure(new CallerApp(app.appId(), app.name() == null || app.name().isBlank() ? app.appId() : app.name(),
                    app.secret(), app.admin(), app.workflows(), true));
        }
    }

    private void ensure(CallerApp app) {
        boolean changed = apps.ensure(app);
        log.info("Bootstrap app '{}' (admin: {}) {}", app.appId(), app.admin(), changed ? "saved" : "unchanged");
    }
}
