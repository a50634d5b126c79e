package dev.baton.support.auth;

import dev.baton.api.app.CallerApp;

import java.util.Optional;

/** Where the caller applications and their secrets are looked up: a replica, or workflow-config's own table. */
public interface CallerApps {
    Optional<CallerApp> find(String appId);
}
