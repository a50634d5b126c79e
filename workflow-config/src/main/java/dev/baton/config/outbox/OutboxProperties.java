package dev.baton.config.outbox;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * How the outbox relay runs ({@code baton.outbox.*}).
 *
 * @param pollInterval how long the relay sleeps when it was not woken by a commit (default 200 ms)
 * @param batchSize    the most rows sent per round (default 500)
 * @param sendTimeout  how long a round waits for Kafka's acknowledgements before it gives up and retries (default 30 s)
 */
@ConfigurationProperties("baton.outbox")
public record OutboxProperties(Duration pollInterval, Integer batchSize, Duration sendTimeout) {
    public OutboxProperties {
        pollInterval = pollInterval == null ? Duration.ofMillis(200) : pollInterval;
        batchSize = batchSize == null || batchSize <= 0 ? 500 : batchSize;
        sendTimeout = sendTimeout == null ? Duration.ofSeconds(30) : sendTimeout;
    }
}
