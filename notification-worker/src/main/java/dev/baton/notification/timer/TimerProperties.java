package dev.baton.notification.timer;

import dev.baton.support.poll.Pacer;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * The timer role ({@code baton.timers.*}): whether this process runs it, how it looks for due timers and how many it
 * fires per look.
 *
 * @param pollInterval     how soon due timers are looked for again after a look that fired some (default 250 ms)
 * @param idlePollInterval the longest wait between two looks that fire nothing (default 5 s): the waits double from
 *                         {@code pollInterval} up to it, end at the next timer's due time, and end at once when this
 *                         worker keeps a new timer; timers another worker keeps are found within it
 */
@ConfigurationProperties("baton.timers")
public record TimerProperties(boolean enabled, Duration pollInterval, Duration idlePollInterval, int batchSize) {
    public TimerProperties {
        pollInterval = pollInterval == null ? Duration.ofMillis(250) : pollInterval;
        idlePollInterval = idlePollInterval == null ? Pacer.defaultIdleCeiling(pollInterval) : idlePollInterval;
        Pacer.check("baton.timers", pollInterval, idlePollInterval);
        batchSize = batchSize <= 0 ? 500 : batchSize;
    }
}
