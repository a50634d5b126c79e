package dev.baton.notification.timer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.api.Topics;
import dev.baton.api.ticket.command.CommandTopic;
import dev.baton.api.ticket.command.FireTimer;
import dev.baton.api.trace.TraceParent;
import dev.baton.engine.BatonJson;
import dev.baton.support.poll.PacedPolling;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Fires due timers: in one transaction it claims up to a batch of due rows (skipping rows another timer worker
 * holds), sends each as a {@link FireTimer} command on {@link Topics#TICKET_COMMANDS}, waits for Kafka to acknowledge
 * them all, then moves repeating reminders on and deletes the rest. A failed send rolls the batch back, so its
 * timers fire on the next look; a crash between send and commit fires them again, which the ticket ignores (it knows
 * which firings it has taken). Lateness (firing time minus due time) is recorded as {@code baton.timer.lateness}.
 * <p>
 * It looks for due timers on a thread of its own, paced ({@link dev.baton.support.poll.Pacer}): every {@code poll-interval} while it fires
 * some; while it fires none, ever less often, up to {@code idle-poll-interval}, and no later than the next timer
 * falls due; and at once when this worker keeps new timers ({@link #wake()}).
 */
@Component
public class TimerFirer extends PacedPolling {
    private static final Logger log = LoggerFactory.getLogger(TimerFirer.class);

    private final TimerStore timers;
    private final TimerProperties properties;
    private final KafkaTemplate<String, String> kafka;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final ObjectMapper json = BatonJson.mapper();
    private final Timer lateness;
    private final MeterRegistry metrics;

    public TimerFirer(TimerStore timers, TimerProperties properties, KafkaTemplate<String, String> kafka,
                      TransactionTemplate tx, Clock clock, MeterRegistry metrics) {
        super("timer-firer", properties.pollInterval(), properties.idlePollInterval(), timers::nextDue, clock);
        this.timers = timers;
        this.properties = properties;
        this.kafka = kafka;
        this.tx = tx;
        this.clock = clock;
        this.metrics = metrics;
        metrics.counter("baton.timer.fired"); // the series exists before the first timer fires
        this.lateness = Timer.builder("baton.timer.lateness").description("How long after its due time a timer fired")
                .publishPercentiles(0.5, 0.99).register(metrics);
    }

    /** Fires due timers, batch after batch while batches come full; whether any fired. */
    public boolean fireDue() {
        if (!properties.enabled()) {
            return false;
        }
        int fired;
        int total = 0;
        do {
            fired = fireBatch();
            total += fired;
        } while (fired == properties.batchSize());
        return total > 0;
    }

    @Override
    protected boolean runs() {
        return properties.enabled();
    }

    @Override
    protected boolean lookForWork() {
        return fireDue();
    }

    /** Fires one batch of due timers; the number fired. */
    public int fireBatch() {
        Integer count = tx.execute(status -> {
            Instant now = clock.instant();
            List<TimerStore.Due> due = timers.claimDue(now, properties.batchSize());
            if (due.isEmpty()) {
                return 0;
            }
            CompletableFuture<?>[] sends = due.stream().map(d -> kafka.send(record(d, now)))
                    .toArray(CompletableFuture[]::new);
            try {
                CompletableFuture.allOf(sends).get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("Could not send " + due.size() + " timer firings; they fire on "
                        + "the next look", e);
            }
            for (TimerStore.Due d : due) {
                timers.fired(d);
                lateness.record(Duration.between(d.dueAt(), now).isNegative() ? Duration.ZERO
                        : Duration.between(d.dueAt(), now));
            }
            metrics.counter("baton.timer.fired").increment(due.size());
            return due.size();
        });
        return count == null ? 0 : count;
    }

    private ProducerRecord<String, String> record(TimerStore.Due due, Instant now) {
        FireTimer command = new FireTimer(due.ticketId(), due.timerId(), due.visit(), due.firing() + 1);
        try {
            ProducerRecord<String, String> record = new ProducerRecord<>(Topics.TICKET_COMMANDS, due.ticketId(),
                    json.writeValueAsString(command));
            record.headers().add(CommandTopic.TYPE_HEADER,
                    FireTimer.class.getSimpleName().getBytes(StandardCharsets.UTF_8));
            record.headers().add(CommandTopic.SENT_HEADER, now.toString().getBytes(StandardCharsets.UTF_8));
            TraceParent.parse(due.trace()).ifPresent(parent -> record.headers().add(TraceParent.HEADER,
                    parent.child().toString().getBytes(StandardCharsets.UTF_8)));
            return record;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write " + command, e);
        }
    }
}
