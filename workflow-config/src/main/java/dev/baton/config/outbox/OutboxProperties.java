package dev.baton.config.outbox;

import dev.baton.support.poll.Pacer;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * How the outbox relay runs ({@code baton.outbox.*}).
 *
 * @param pollInterval     how long the relay waits after a round that sent something, unless a commit wakes it
 *                         (default 200 ms)
 * @param idlePollInterval the longest wait while the outbox stays empty (default 5 s): the waits double from
 *                         {@code pollInterval} up to it, and a commit of this instance ends them
 * @param batchSize        the most rows sent per round (default 500)
 * @param sendTimeout      how long a round waits for Kafka's acknowledgements before it gives up and retries
 *                         (default 30 s)
 */
@ConfigurationProperties("baton.outbox")
public record OutboxProperties(Duration pollInterval, Duration idlePollInterval, Integer batchSize,
                               Duration sendTimeout) {
    public OutboxProperties {
        pollInterval = pollInterval == null ? Duration.ofMillis(200) : pollInterval;
        idlePollInterval = idlePollInterval == null ? Pacer.defaultIdleCeiling(pollInterval) : idlePollInterval;
        Pacer.check("baton.outbox", pollInterval, idlePollInterval);
        batchSize = batchSize == null || batchSize <= 0 ? 500 : batchSize;
        sendTimeout = sendTimeout == null ? Duration.ofSeconds(30) : sendTimeout;
    }
}
