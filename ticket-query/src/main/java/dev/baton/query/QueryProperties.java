package dev.baton.query;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Settings of ticket-query ({@code baton.query.*}).
 *
 * @param defaultWait       how long a read-your-writes request waits for the projection when it names no
 *                          {@code waitMillis} (default 5 s)
 * @param maxWait           the longest wait a request may ask for (default 10 s)
 * @param gapRetryAttempts  how often an event that arrives before its predecessor is retried before it is parked
 *                          (kept, and applied once the predecessor arrives); default 10
 * @param gapRetryInterval  the pause between those retries (default 500 ms)
 * @param failureRetryAttempts how often an event that fails for another reason than a passing one (a value the
 *                          database refuses, a bug) is retried before it is parked for an admin; default 5
 * @param failureRetryInterval the pause between those retries (default 1 s)
 */
@ConfigurationProperties("baton.query")
public record QueryProperties(Duration defaultWait, Duration maxWait, Integer gapRetryAttempts,
                              Duration gapRetryInterval, Integer failureRetryAttempts,
                              Duration failureRetryInterval) {
    public QueryProperties {
        defaultWait = defaultWait == null ? Duration.ofSeconds(5) : defaultWait;
        maxWait = maxWait == null ? Duration.ofSeconds(10) : maxWait;
        gapRetryAttempts = gapRetryAttempts == null ? 10 : gapRetryAttempts;
        gapRetryInterval = gapRetryInterval == null ? Duration.ofMillis(500) : gapRetryInterval;
        failureRetryAttempts = failureRetryAttempts == null ? 5 : failureRetryAttempts;
        failureRetryInterval = failureRetryInterval == null ? Duration.ofSeconds(1) : failureRetryInterval;
    }
}
