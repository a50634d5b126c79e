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
 * @param peers             whether other ticket-query instances share this projection's tables (default true): each
 *                          commit of the projection is then announced to them over PostgreSQL's NOTIFY, so a
 *                          read-your-writes wait on any instance ends as soon as whichever instance projects the
 *                          version; off for a single instance (the standalone launcher)
 * @param waitRecheck       how often a read-your-writes wait looks at the database itself, in case an announcement
 *                          was missed (the listening connection was lost for a moment); default 1 s
 */
@ConfigurationProperties("baton.query")
public record QueryProperties(Duration defaultWait, Duration maxWait, Integer gapRetryAttempts,
                              Duration gapRetryInterval, Integer failureRetryAttempts,
                              Duration failureRetryInterval, Boolean peers, Duration waitRecheck) {
    public QueryProperties {
        defaultWait = defaultWait == null ? Duration.ofSeconds(5) : defaultWait;
        maxWait = maxWait == null ? Duration.ofSeconds(10) : maxWait;
        gapRetryAttempts = gapRetryAttempts == null ? 10 : gapRetryAttempts;
        gapRetryInterval = gapRetryInterval == null ? Duration.ofMillis(500) : gapRetryInterval;
        failureRetryAttempts = failureRetryAttempts == null ? 5 : failureRetryAttempts;
        failureRetryInterval = failureRetryInterval == null ? Duration.ofSeconds(1) : failureRetryInterval;
        peers = peers == null || peers;
        waitRecheck = waitRecheck == null ? Duration.ofSeconds(1) : waitRecheck;
        if (waitRecheck.isZero() || waitRecheck.isNegative()) {
            throw new IllegalArgumentException("Expected baton.query.wait-recheck above zero, but got " + waitRecheck);
        }
    }
}
