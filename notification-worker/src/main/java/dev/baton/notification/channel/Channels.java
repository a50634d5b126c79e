package dev.baton.notification.channel;

import dev.baton.api.directory.DirectoryUser;
import dev.baton.notification.NotificationProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The configured channels by name, and which of them a user is told on: the channels their directory entry names,
 * else the default ones. An email channel needs an SMTP server ({@code spring.mail.host}); the worker does not start
 * without one.
 */
@Component
public class Channels implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(Channels.class);

    private final Map<String, Channel> byName = new LinkedHashMap<>();
    private final List<String> defaults;
    private final ExecutorService smtp = Executors.newFixedThreadPool(4, r -> {
        Thread thread = new Thread(r, "notification-smtp");
        thread.setDaemon(true);
        return thread;
    });

    public Channels(NotificationProperties properties, ObjectProvider<JavaMailSender> mail, Clock clock) {
        properties.channels().forEach((name, settings) -> byName.put(name, switch (settings.type()) {
            case EMAIL -> new EmailChannel(name, settings, mail.getIfAvailable(() -> {
                throw new IllegalStateException("Expected an SMTP server (spring.mail.host) for email channel '"
                        + name + "', but none is configured");
            }), smtp);
            case WEBHOOK -> new WebhookChannel(name, settings, clock);
            case FEISHU, DINGTALK, WECOM -> new RobotChannel(name, settings, clock);
            case LOG -> new LogChannel(name);
        }));
        this.defaults = properties.defaultChannels();
        if (byName.isEmpty()) {
            log.warn("No notification channel is configured (baton.notification.channels, or "
                    + "BATON_NOTIFICATION_WEBHOOK_URL): notifications are counted as skipped, not sent");
        } else {
            log.info("Notification channels: {}; by default {}", byName.keySet(), defaults);
        }
    }

    public Optional<Channel> named(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Whether {@code name} is a {@link ChannelType#LOG} channel: its notices are logged, not kept as deliveries. */
    public boolean logs(String name) {
        Channel channel = byName.get(name);
        return channel != null && channel.type() == ChannelType.LOG;
    }

    public boolean any() {
        return !byName.isEmpty();
    }

    /** The channels a user is told on: their own choice, else the defaults; names may be unknown to this worker. */
    public List<String> of(Optional<DirectoryUser> user) {
        return user.map(DirectoryUser::channels).filter(c -> !c.isEmpty()).orElse(defaults);
    }

    @Override
    public void destroy() {
        smtp.shutdown();
    }
}
