package dev.baton.notification.hook;

import dev.baton.support.poll.Pacer;
import dev.baton.support.retry.Backoff;
import dev.baton.support.retry.Breakers;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The hook role ({@code baton.hooks.*}).
 *
 * @param pollInterval     how soon due calls are looked for again after a look that found some (default 200 ms)
 * @param idlePollInterval the longest wait between two looks that find nothing (default 5 s): the waits double from
 *                         {@code pollInterval} up to it, end at the next retry's due time, and end at once when this
 *                         worker queues a call; calls another worker queued are found within it
 * @param allowHosts hosts hooks may call ({@code *.example.com} matches subdomains); empty: any public host.
 *                   Loopback, private and link-local addresses are refused unless their host is listed.
 * @param secrets    the signing secrets, by the names hook definitions use; never logged
 * @param backoff    the waits between a call's attempts (about 1 s, doubling, at most 60 s); the number of attempts
 *                   is the hook definition's
 * @param breaker    the circuit breaker of each hook URL
 * @param lease      how long a claimed call is this worker's (default 2 min); a crash repeats a call in flight once
 *                   its lease ran out
 */
@ConfigurationProperties("baton.hooks")
public record HookProperties(boolean enabled, Duration pollInterval, Duration idlePollInterval, int batchSize,
                             List<String> allowHosts, Map<String, String> secrets, Backoff backoff,
                             Duration callbackSkew, Breakers.Settings breaker, Duration lease) {
    /** A system that handles a state is usually back within a minute; the ticket waits meanwhile. */
    public static final Backoff DEFAULT_BACKOFF = new Backoff(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(60), 0.5,
            null, null);

    public HookProperties {
        pollInterval = pollInterval == null ? Duration.ofMillis(200) : pollInterval;
        idlePollInterval = idlePollInterval == null ? Pacer.defaultIdleCeiling(pollInterval) : idlePollInterval;
        Pacer.check("baton.hooks", pollInterval, idlePollInterval);
        batchSize = batchSize <= 0 ? 20 : batchSize;
        allowHosts = allowHosts == null ? List.of() : List.copyOf(allowHosts);
        secrets = secrets == null ? Map.of() : Map.copyOf(secrets);
        backoff = Backoff.or(backoff, DEFAULT_BACKOFF);
        breaker = breaker == null ? Breakers.Settings.defaults() : breaker;
        lease = lease == null ? Duration.ofMinutes(2) : lease;
        callbackSkew = callbackSkew == null ? Duration.ofMinutes(5) : callbackSkew;
    }

    @Override
    public String toString() {
        return "HookProperties[enabled=" + enabled + ", allowHosts=" + allowHosts + ", secrets=" + secrets.keySet()
                + "]";
    }
}
