package dev.baton.notification;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Settings of notification-worker ({@code baton.notification.*}).
 *
 * @param webhookUrl where notifications are posted ({@code BATON_NOTIFICATION_WEBHOOK_URL}); blank or absent: the
 *                   worker runs and only counts the notifications it skips ({@code baton.notifications.skipped})
 * @param timeout    how long one POST may take, connecting included (default 10 s)
 * @param retry      how failed posts are retried before the event goes to the dead-letter topic
 */
@ConfigurationProperties("baton.notification")
public record NotificationProperties(String webhookUrl, Duration timeout, Retry retry) {
    public NotificationProperties {
        webhookUrl = webhookUrl == null || webhookUrl.isBlank() ? null : webhookUrl.trim();
        timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        retry = retry == null ? new Retry(null, null, null, null) : retry;
        if (webhookUrl != null) {
            URI uri = URI.create(webhookUrl);
            if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
                throw new IllegalArgumentException(
                        "Expected baton.notification.webhook-url to be an http(s) URL, but got " + webhookUrl);
            }
        }
    }

    public Optional<URI> webhook() {
        return Optional.ofNullable(webhookUrl).map(URI::create);
    }

    /**
     * Exponential back-off of failed deliveries; the record is retried in place, so a ticket's events stay in order.
     *
     * @param maxRetries      retries after the first attempt (default 5)
     * @param initialInterval wait before the first retry (default 500 ms)
     * @param multiplier      growth of the wait per retry (default 2)
     * @param maxInterval     longest wait between two attempts (default 10 s)
     */
    public record Retry(Integer maxRetries, Duration initialInterval, Double multiplier, Duration maxInterval) {
        public Retry {
            maxRetries = maxRetries == null ? 5 : Math.max(0, maxRetries);
            initialInterval = initialInterval == null ? Duration.ofMillis(500) : initialInterval;
            multiplier = multiplier == null ? 2.0 : multiplier;
            maxInterval = maxInterval == null ? Duration.ofSeconds(10) : maxInterval;
        }
    }
}
