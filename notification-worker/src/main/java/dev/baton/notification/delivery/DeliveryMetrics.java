package dev.baton.notification.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * The worker's counters ({@code baton.notifications.*}; in Prometheus {@code baton_notifications_*_total}):
 * delivered, failed (every failed attempt), retried (every attempt after a failed one), dead.lettered (events sent
 * to the dead-letter topic), skipped (no webhook configured: nothing sent, no row written) and duplicates (redelivered events already delivered).
 */
@Component
public class DeliveryMetrics {
    private final Counter delivered;
    private final Counter failed;
    private final Counter retried;
    private final Counter deadLettered;
    private final Counter skipped;
    private final Counter duplicates;

    public DeliveryMetrics(MeterRegistry registry) {
        delivered = counter(registry, "delivered", "Notifications the webhook accepted");
        failed = counter(registry, "failed", "Failed attempts to post a notification");
        retried = counter(registry, "retried", "Attempts that retried a failed notification");
        deadLettered = counter(registry, "dead.lettered", "Ticket events sent to the dead-letter topic");
        skipped = counter(registry, "skipped", "Notifications not sent because no webhook is configured");
        duplicates = counter(registry, "duplicates", "Redelivered events whose notification was already delivered");
    }

    private static Counter counter(MeterRegistry registry, String name, String description) {
        return Counter.builder("baton.notifications." + name).description(description).register(registry);
    }

    public void delivered() { delivered.increment(); }

    public void failed() { failed.increment(); }

    public void retried() { retried.increment(); }

    public void deadLettered() { deadLettered.increment(); }

    public void skipped() { skipped.increment(); }

    public void duplicate() { duplicates.increment(); }
}
