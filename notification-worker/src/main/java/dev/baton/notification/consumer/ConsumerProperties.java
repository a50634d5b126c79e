package dev.baton.notification.consumer;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * How the roles' consumers treat a record that fails ({@code baton.consumer.*}); see {@link Parking}.
 *
 * @param maxRetries      retries of a failure that is not transient, after the first attempt, before the record is
 *                        parked (default 5)
 * @param initialInterval wait before the first of them (default 500 ms); each wait doubles
 * @param maxInterval     longest wait between two of them (default 10 s)
 */
@ConfigurationProperties("baton.consumer")
public record ConsumerProperties(Integer maxRetries, Duration initialInterval, Duration maxInterval) {
    public ConsumerProperties {
        maxRetries = maxRetries == null ? 5 : Math.max(0, maxRetries);
        initialInterval = initialInterval == null ? Duration.ofMillis(500) : initialInterval;
        maxInterval = maxInterval == null ? Duration.ofSeconds(10) : maxInterval;
    }
}
