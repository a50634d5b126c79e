package dev.baton.notification.channel;

import java.time.Duration;

/**
 * One channel as configured ({@code baton.notification.channels.<name>.*}).
 *
 * @param type    what kind of channel it is
 * @param url     where to post (webhooks and robots); a robot's URL carries its token or key
 * @param secret  signs what is posted: a webhook's HMAC key, a Feishu bot's or DingTalk robot's signing secret
 * @param from    the sender address of an email channel
 * @param timeout how long one send may take (default 10 s)
 */
public record ChannelSettings(ChannelType type, String url, String secret, String from, Duration timeout) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public ChannelSettings {
        url = url == null || url.isBlank() ? null : url.trim();
        secret = secret == null || secret.isBlank() ? null : secret;
        from = from == null || from.isBlank() ? null : from.trim();
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    }
}
