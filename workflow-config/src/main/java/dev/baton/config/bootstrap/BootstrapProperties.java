package dev.baton.config.bootstrap;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;

/**
 * Caller apps made on start ({@code baton.bootstrap.*}).
 *
 * @param adminApp    id of an admin app with every workflow ({@code BATON_BOOTSTRAP_ADMIN_APP}); none when blank
 * @param adminSecret its secret, used exactly ({@code BATON_BOOTSTRAP_ADMIN_SECRET})
 * @param apps        further apps with fixed secrets, e.g. demo callers
 */
@ConfigurationProperties("baton.bootstrap")
public record BootstrapProperties(String adminApp, String adminSecret, List<App> apps) {
    public BootstrapProperties {
        apps = apps == null ? List.of() : List.copyOf(apps);
    }

    /** A bootstrap app; {@code name} defaults to the id, {@code workflows} to none. */
    public record App(String appId, String name, String secret, boolean admin, List<String> workflows) {
        public App {
            workflows = workflows == null ? List.of() : List.copyOf(workflows);
        }
    }
}
