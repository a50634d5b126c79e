package dev.baton.notification.hook;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The hook role ({@code baton.hooks.*}).
 *
 * @param allowHosts hosts hooks may call ({@code *.example.com} matches subdomains); empty: any public host.
 *                   Loopback, private and link-local addresses are refused unless their host is listed.
 * @param secrets    the signing secrets, by the names hook definitions use; never logged
 */
@ConfigurationProperties("baton.hooks")
public record HookProperties(boolean enabled, Duration pollInterval, int batchSize, List<String> allowHosts,
                             Map<String, String> secrets, Backoff backoff, Duration callbackSkew) {
    public HookProperties {
        pollInterval = pollInterval == null ? Duration.ofMillis(200) : pollInterval;
        batchSize = batchSize <= 0 ? 20 : batchSize;
        allowHosts = allowHosts == null ? List.of() : List.copyOf(allowHosts);
        secrets = secrets == null ? Map.of() : Map.copyOf(secrets);
        backoff = backoff == null ? new Backoff(null, null) : backoff;
        callbackSkew = callbackSkew == null ? Duration.ofMinutes(5) : callbackSkew;
    }

    @Override
    public String toString() {
        return "HookProperties[enabled=" + enabled + ", allowHosts=" + allowHosts + ", secrets=" + secrets.keySet()
                + "]";
    }

    /** Waits between attempts: {@code initial}, doubling, at most {@code max}. */
    public record Backoff(Duration initial, Duration max) {
        public Backoff {
            initial = initial == null ? Duration.ofSeconds(1) : initial;
            max = max == null ? Duration.ofSeconds(60) : max;
        }

        Duration after(int attempts) {
            long millis = initial.toMillis() << Math.min(20, Math.max(0, attempts - 1));
            return Duration.ofMillis(Math.min(max.toMillis(), millis));
        }
    }
}
