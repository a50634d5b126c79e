package dev.baton.notification.timer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.api.Topics;
import dev.baton.api.ticket.command.CommandTopic;
import dev.baton.api.ticket.command.FireTimer;
import dev.baton.engine.BatonJson;
import dev.baton.support.poll.Pacer;
import dev.baton.support.poll.Poller;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
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
 * It looks for due timers on a thread of its own, paced ({@link Pacer}): every {@code poll-interval} while it fires
 * some; while it fires none, ever less often, up to {@code idle-poll-interval}, and no later than the next timer
 * falls due; and at once when this worker keeps new timers ({@link #wake()}).
 */
@Component
public class TimerFirer implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(TimerFirer.class);

    private final TimerStore timers;
    private final TimerProperties properties;
    private final KafkaTemplate<String, String> kafka;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final ObjectMapper json = BatonJson.mapper();
    private final Timer lateness;
    private final MeterRegistry metrics;
    private final Pacer pacer;
    private final Poller poller;

    public TimerFirer(TimerStore timers, TimerProperties properties, KafkaTemplate<String, String> kafka,
                      TransactionTemplate tx, Clock clock, MeterRegistry metrics) {
        this.timers = timers;
        this.properties = properties;
        this.kafka = kafka;
        this.tx = tx;
        this.clock = clock;
        this.metrics = metrics;
        this.lateness = Timer.builder("baton.timer.lateness").description("How long after its due time a timer fired")
                .publishPercentiles(0.5, 0.99).register(metrics);
        this.pacer = new Pacer(properties.pollInterval(), properties.idlePollInterval());
        this.poller = new Poller("timer-firer", pacer, this::fireDue, timers::nextDue, clock);
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

    /**
     * Timers were kept: the next due time is looked up again as soon as the current transaction commits (at once
     * outside one), so a timer due before the next idle look fires on time.
     */
    public void wake() {
        pacer.wakeAfterCommit();
    }

    /** Starts looking for due timers, if this process runs the role. */
    @Override
    public void start() {
        if (properties.enabled()) {
            poller.start();
        }
    }

    /** Looks for no more timers: a batch being fired gets a moment to finish, then it is cut off and rolled back. */
    @Override
    public void stop() {
        poller.stop();
    }

    @Override
    public boolean isRunning() {
        return poller.isRunning();
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
            return record;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write " + command, e);
        }
    }
}
