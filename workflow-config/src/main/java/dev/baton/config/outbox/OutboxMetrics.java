package dev.baton.config.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/** {@code baton.outbox.pending}: records waiting to be sent; a number that keeps growing means a stuck relay. */
@Component
class OutboxMetrics implements MeterBinder {
    private final Outbox outbox;

    OutboxMetrics(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("baton.outbox.pending", outbox, Outbox::pending)
                .description("Config topic records committed but not yet acknowledged by Kafka")
                .register(registry);
    }
}
