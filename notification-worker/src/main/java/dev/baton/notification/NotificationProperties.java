package dev.baton.notification;

import dev.baton.notification.channel.ChannelSettings;
import dev.baton.notification.channel.ChannelType;
import dev.baton.support.poll.Pacer;
import dev.baton.support.retry.Backoff;
import dev.baton.support.retry.Breakers;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Settings of the notification role ({@code baton.notification.*}).
 *
 * @param enabled         whether this process runs the role ({@code BATON_NOTIFICATIONS_ENABLED})
 * @param webhookUrl      shorthand for a {@code WEBHOOK} channel named {@value #WEBHOOK_CHANNEL}
 *                        ({@code BATON_NOTIFICATION_WEBHOOK_URL})
 * @param timeout         how long one send may take on the shorthand webhook (default 10 s)
 * @param channels        the channels by name: email over SMTP, webhooks, Feishu/Lark, DingTalk and WeCom robots
 * @param defaultChannels the channels of a user whose directory entry names none; absent: the
 *                        {@value #WEBHOOK_CHANNEL} channel when there is one
 * @param ticketUrl       a link to a ticket for the templates ({@code ticket.url}), {@code {id}} standing for its id
 * @param pollInterval    how soon due deliveries are looked for again after a look that found some (default 200 ms)
 * @param idlePollInterval the longest wait between two looks that find nothing (default 5 s): the waits double
 *                        from {@code pollInterval} up to it, end at the next retry's due time, and end at once when
 *                        this worker plans a delivery; deliveries another worker planned are found within it
 * @param batchSize       deliveries sent at once by one instance (default 50)
 * @param retry           how the listener retries an event it failed to handle before it dead-letters it
 * @param retention       how long an ended ticket's summary and delivery log are kept (default 180 days; 0: forever)
 * @param language        the language of Baton's default wording: {@code en} (default) or {@code zh}
 * @param backoff         how a failed delivery is retried, and when it is given up ({@link Backoff#HOURS}: ~30 s,
 *                        doubling, at most 1 h, for 24 h)
 * @param breaker         the circuit breaker of each channel's endpoint
 * @param lease           how long a claimed delivery is this worker's (default 2 min); a crash repeats a delivery in
 *                        flight once its lease ran out
 */
@ConfigurationProperties("baton.notification")
public record NotificationProperties(Boolean enabled, String webhookUrl, Duration timeout,
                                     Map<String, ChannelSettings> channels, List<String> defaultChannels,
                                     String ticketUrl, Duration pollInterval, Duration idlePollInterval,
                                     Integer batchSize, Retry retry, Duration retention, String language,
                                     Backoff backoff, Breakers.Settings breaker, Duration lease) {
    public static final String WEBHOOK_CHANNEL = "webhook";
    /** The shape of channel names, as workflow-config checks them in directory users' {@code channels}. */
    public static final java.util.regex.Pattern CHANNEL_NAME = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    public NotificationProperties {
        enabled = enabled == null || enabled;
        webhookUrl = webhookUrl == null || webhookUrl.isBlank() ? null : webhookUrl.trim();
        timeout = timeout == null ? ChannelSettings.DEFAULT_TIMEOUT : timeout;
        retry = retry == null ? new Retry(null, null, null, null) : retry;
        pollInterval = pollInterval == null ? Duration.ofMillis(200) : pollInterval;
        idlePollInterval = idlePollInterval == null ? Pacer.defaultIdleCeiling(pollInterval) : idlePollInterval;
        Pacer.check("baton.notification", pollInterval, idlePollInterval);
        batchSize = batchSize == null || batchSize < 1 ? 50 : batchSize;
        retention = retention == null ? Duration.ofDays(180) : retention;
        backoff = Backoff.or(backoff, Backoff.HOURS);
        breaker = breaker == null ? Breakers.Settings.defaults() : breaker;
        lease = lease == null ? Duration.ofMinutes(2) : lease;
        language = language == null || language.isBlank() ? "en" : language.trim().toLowerCase(java.util.Locale.ROOT);
        ticketUrl = ticketUrl == null || ticketUrl.isBlank() ? null : ticketUrl.trim();
        Map<String, ChannelSettings> all = new LinkedHashMap<>();
        if (webhookUrl != null) {
            all.put(WEBHOOK_CHANNEL, new ChannelSettings(ChannelType.WEBHOOK, webhookUrl, null, null, timeout));
        }
        if (channels != null) {
            channels.forEach((name, settings) -> {
                if (!CHANNEL_NAME.matcher(name).matches()) {
                    throw new IllegalArgumentException("Expected baton.notification.channels to be named like "
                            + "directory users name them (" + CHANNEL_NAME.pattern() + "), but got '" + name + "'");
                }
                if (settings == null || settings.type() == null) {
                    throw new IllegalArgumentException("Expected baton.notification.channels." + name
                            + ".type to be one of " + List.of(ChannelType.values()) + ", but it is not set");
                }
                if (settings.type() != ChannelType.EMAIL && settings.type() != ChannelType.LOG
                        && !httpUrl(settings.url())) {
                    throw new IllegalArgumentException("Expected baton.notification.channels." + name
                            + ".url to be an http(s) URL, but it is " + (settings.url() == null ? "not set" : "not"));
                }
                if (settings.type() == ChannelType.EMAIL && settings.from() == null) {
                    throw new IllegalArgumentException("Expected baton.notification.channels." + name
                            + ".from to give the sender's address, but it is not set");
                }
                all.put(name, settings);
            });
        }
        if (webhookUrl != null && !httpUrl(webhookUrl)) {
            throw new IllegalArgumentException(
                    "Expected baton.notification.webhook-url to be an http(s) URL, but got " + webhookUrl);
        }
        channels = Map.copyOf(all);
        if (defaultChannels == null || defaultChannels.isEmpty()) {
            defaultChannels = all.containsKey(WEBHOOK_CHANNEL) ? List.of(WEBHOOK_CHANNEL) : List.of();
        } else {
            defaultChannels = List.copyOf(defaultChannels);
        }
    }

    private static boolean httpUrl(String url) {
        if (url == null) {
            return false;
        }
        try {
            String scheme = URI.create(url).getScheme();
            return "http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Exponential back-off of the listener's failures (an event it could not turn into deliveries), before the event
     * is dead-lettered; a failure of the worker's own database is retried until it is back. Failed deliveries are
     * retried with {@code backoff}.
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
