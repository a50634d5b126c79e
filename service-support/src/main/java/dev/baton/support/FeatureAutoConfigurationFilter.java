package dev.baton.support;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Keeps Axon and R2DBC auto-configuration out of the services that do not use them. Every Baton service can share
 * one classpath (the standalone launcher runs them all in one JVM), so presence on the classpath is not a reason to
 * configure an event store or an R2DBC pool. A service opts in with {@code baton.axon.enabled=true} or
 * {@code baton.r2dbc.enabled=true}.
 */
public class FeatureAutoConfigurationFilter implements AutoConfigurationImportFilter, EnvironmentAware {
    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public boolean[] match(String[] candidates, AutoConfigurationMetadata metadata) {
        boolean axon = enabled("baton.axon.enabled");
        boolean r2dbc = enabled("baton.r2dbc.enabled");
        boolean[] matches = new boolean[candidates.length];
        for (int i = 0; i < candidates.length; i++) {
            String candidate = candidates[i];
            if (candidate == null) {
                matches[i] = true;
            } else if (candidate.startsWith("org.axonframework.")) {
                matches[i] = axon;
            } else if (candidate.contains(".r2dbc.")) {
                matches[i] = r2dbc;
            } else {
                matches[i] = true;
            }
        }
        return matches;
    }

    private boolean enabled(String property) {
        return environment != null && environment.getProperty(property, Boolean.class, false);
    }
}
