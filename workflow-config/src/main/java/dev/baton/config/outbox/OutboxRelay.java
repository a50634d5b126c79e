package dev.baton.config.outbox;

import dev.baton.support.poll.Pacer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Sends the outbox to Kafka: one background thread takes the oldest rows in id order, sends them, waits for every
 * acknowledgement and only then deletes them, all inside one database transaction. A failed round rolls back, so
 * its rows stay and are sent again (records are whole values on compacted topics, so a resend is harmless).
 * Only one instance relays at a time (a transaction-scoped advisory lock), which keeps records of one key in order.
 * The thread wakes right after a commit that enqueued something; otherwise it looks again
 * {@link OutboxProperties#pollInterval()} after a round that sent something and, while the outbox stays empty, ever
 * less often, up to {@link OutboxProperties#idlePollInterval()} ({@link Pacer}). After a failed round it waits
 * {@code poll-interval}, doubling with each failure in a row, at most 5 s, whatever commits meanwhile.
 */
@Component
public class OutboxRelay implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    /** Advisory lock id shared by every workflow-config instance ("outbox" in ASCII). */
    static final long LOCK_ID = 0x6f7574626f78L;
    private static final long MAX_BACKOFF_MILLIS = 5_000;
    private static final long STOP_GRACE_MILLIS = 3_000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final KafkaTemplate<String, String> kafka;
    private final OutboxProperties properties;
    private final Pacer pacer;
    private volatile boolean running;
    private Thread thread;

    public OutboxRelay(JdbcTemplate jdbc, TransactionTemplate tx, KafkaTemplate<String, String> kafka,
                       OutboxProperties properties) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.kafka = kafka;
        this.properties = properties;
        this.pacer = new Pacer(properties.pollInterval(), properties.idlePollInterval());
    }

    /** Asks the relay to look at the outbox now rather than at its next poll. */
    public void wake() {
        pacer.wake();
    }

    /**
     * One round: sends up to a batch of the oldest rows and deletes them once Kafka acknowledged all of them.
     *
     * @return how many records were sent; 0 when the outbox is empty or another instance is relaying
     * @throws RuntimeException when a send failed or timed out; the rows stay for the next round
     */
    public int relayOnce() {
        Integer sent = tx.execute(status -> {
            Boolean locked = jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(?)", Boolean.class, LOCK_ID);
            if (!Boolean.TRUE.equals(locked)) {
                return 0;
            }
            List<Row> rows = jdbc.query(
                    "SELECT id, topic, record_key, value FROM outbox ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED",
                    (rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)),
                    properties.batchSize());
            if (rows.isEmpty()) {
                return 0;
            }
            send(rows);
            jdbc.update("DELETE FROM outbox WHERE id = ANY (?)",
                    (Object) rows.stream().map(Row::id).toArray(Long[]::new));
            return rows.size();
        });
        return sent == null ? 0 : sent;
    }

    private void send(List<Row> rows) {
        List<CompletableFuture<?>> acks = new ArrayList<>(rows.size());
        for (Row row : rows) {
            acks.add(kafka.send(new ProducerRecord<>(row.topic(), row.key(), row.value())));
        }
        kafka.flush();
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                    .get(properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Kafka acknowledgements", e);
        } catch (Exception e) {
            throw new IllegalStateException("Sending " + rows.size() + " outbox records failed; they stay queued", e);
        }
    }

    private void loop() {
        int failures = 0;
        while (running) {
            int sent = 0;
            try {
                sent = relayOnce();
                failures = 0;
            } catch (RuntimeException e) {
                failures++;
                if (running) {
                    log.warn("Outbox relay round failed (attempt {}): {}", failures, describe(e));
                }
            }
            if (failures > 0) {
                pause(Math.min(MAX_BACKOFF_MILLIS, properties.pollInterval().toMillis() << Math.min(failures, 5)));
            } else if (sent == 0) {
                await(pacer.afterNoWork(null, Instant.now()));
            } else {
                Duration wait = pacer.afterWork();
                if (sent < properties.batchSize()) {
                    await(wait); // a full batch: the next round comes at once
                }
            }
        }
        if (failures == 0 && !Thread.currentThread().isInterrupted()) {
            try {
                relayOnce(); // a last round for what the final requests enqueued
            } catch (RuntimeException e) {
                log.info("Outbox relay stopped with records still queued: {}", describe(e));
            }
        }
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root + ")";
    }

    /** Waits as the pacer says: a commit that enqueued something, or {@link #stop()}, ends the wait. */
    private void await(Duration wait) {
        try {
            pacer.await(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Waits after a failed round: only {@link #stop()} ends the wait; the next round comes anyway. */
    private void pause(long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        for (long left = millis; running && left > 0;
             left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())) {
            await(Duration.ofMillis(left));
        }
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::loop, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Stops the thread: a round in progress gets a moment to finish, then it is interrupted (its transaction rolls
     * back, so its rows stay queued for the next start or another instance).
     */
    @Override
    public synchronized void stop() {
        running = false;
        wake();
        Thread t = thread;
        thread = null;
        if (t != null) {
            try {
                t.join(STOP_GRACE_MILLIS);
                if (t.isAlive()) {
                    t.interrupt();
                    t.join(STOP_GRACE_MILLIS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Starts before and stops after the web server, so whatever its last requests enqueue still gets a round. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private record Row(long id, String topic, String key, String value) {
    }
}
