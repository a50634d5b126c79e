package dev.baton.notification.timer;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * The timer role ({@code baton.timers.*}): whether this process runs it, how often it looks for due timers and how
 * many it fires per look.
 */
@ConfigurationProperties("baton.timers")
public record TimerProperties(boolean enabled, Duration pollInterval, int batchSize) {
    public TimerProperties {
        pollInterval = pollInterval == null ? Duration.ofMillis(250) : pollInterval;
        batchSize = batchSize <= 0 ? 500 : batchSize;
    }
}
