package dev.baton.support.replica;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.api.app.CallerApp;
import dev.baton.support.auth.CallerApps;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Caller applications and their credentials, fed by the apps topic. */
public class CallerAppReplica implements CallerApps {
    private final Map<String, CallerApp> apps = new ConcurrentHashMap<>();
    private final ObjectMapper json;
    private final Duration catchUpTimeout;
    private volatile CompactedTopicReplica replica;

    public CallerAppReplica(ObjectMapper json, Duration catchUpTimeout) {
        this.json = json;
        this.catchUpTimeout = catchUpTimeout;
    }

    void attach(CompactedTopicReplica replica) {
        this.replica = replica;
    }

    public void apply(String appId, String value) {
        if (value == null) {
            apps.remove(appId);
            return;
        }
        try {
            apps.put(appId, json.readValue(value, CallerApp.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Optional<CallerApp> find(String appId) {
        CallerApp app = apps.get(appId);
        if (app == null && replica != null && replica.catchUp(catchUpTimeout)) {
            app = apps.get(appId);
        }
        return Optional.ofNullable(app);
    }
}
