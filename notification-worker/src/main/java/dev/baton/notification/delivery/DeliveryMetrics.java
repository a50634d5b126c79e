package dev.baton.notification.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * The notification role's counters ({@code baton.notifications.*}; in Prometheus {@code baton_notifications_*_total}):
 * planned (deliveries kept to send), delivered, failed (every failed attempt), retried (every attempt after a failed
 * one), dead.lettered (deliveries sent to the dead-letter topic, and unreadable events), skipped (a recipient with no
 * channel: nothing kept), deferred (a delivery put off without trying it, its channel's endpoint's breaker open).
 */
@Component
public class DeliveryMetrics {
    private final Counter planned;
    private final Counter delivered;
    private final Counter failed;
    private final Counter retried;
    private final Counter deadLettered;
    private final Counter skipped;
    private final Counter deferred;

    public DeliveryMetrics(MeterRegistry registry) {
        planned = counter(registry, "planned", "Deliveries kept in the outbox to send");
        delivered = counter(registry, "delivered", "Deliveries a channel took");
        failed = counter(registry, "failed", "Failed attempts to send a delivery");
        retried = counter(registry, "retried", "Attempts that retried a failed delivery");
        deadLettered = counter(registry, "dead.lettered", "Deliveries and unreadable events sent to the dead-letter topic");
        skipped = counter(registry, "skipped", "Notices not sent because the recipient has no channel");
        deferred = counter(registry, "deferred", "Deliveries put off untried while their channel's endpoint fails");
    }

    private static Counter counter(MeterRegistry registry, String name, String description) {
        return Counter.builder("baton.notifications." + name).description(description).register(registry);
    }

    public void planned(int count) { planned.increment(count); }

    public void delivered() { delivered.increment(); }

    public void failed() { failed.increment(); }

    public void retried() { retried.increment(); }

    public void deadLettered() { deadLettered.increment(); }

    public void skipped() { skipped.increment(); }

    public void deferred() { deferred.increment(); }
}
