package dev.baton.bench;

import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The timer role under a backlog: writes N due-soon timers straight into the timer worker's table (as if N tickets
 * had scheduled them), spread evenly over a window that starts a little later, then reads the FireTimer commands the
 * worker sends on the command topic. Per timer: lateness = the command's {@code baton_sent_at} minus the timer's due
 * time. Prints p50 / p95 / p99 / max lateness and the firing rate over the window. Only 127.0.0.1 is contacted.
 */
final class TimerBenchmark {
    record Config(String jdbcUrl, String user, String password, String bootstrap, int timers, Duration lead,
                  Duration spread, Duration maxWait) {
    }

    record Result(long fired, Histogram lateness, double seconds, double firedPerSecond, int pendingAtStart) {
    }

    private TimerBenchmark() {
    }

    static Result run(Config c, PrintStream out) throws Exception {
        String run = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Instant> due = new HashMap<>(c.timers() * 2);
        try (KafkaConsumer<String, String> consumer = consumer(c.bootstrap());
             Connection db = DriverManager.getConnection(c.jdbcUrl(), c.user(), c.password())) {
            List<TopicPartition> partitions = consumer.partitionsFor("baton.ticket.commands", Duration.ofSeconds(10))
                    .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);

            Instant start = Instant.now().plus(c.lead());
            long spreadNanos = c.spread().toNanos();
            db.setAutoCommit(false);
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO notification_worker.timer (timer_id,"
                    + " ticket_id, kind, visit, due_at, times, scheduled_seq) VALUES (?, ?, 'TIMEOUT', 1, ?, 1, 0)")) {
                for (int i = 0; i < c.timers(); i++) {
                    String id = run + "-" + i;
                    Instant at = start.plusNanos(spreadNanos * i / Math.max(1, c.timers() - 1));
                    due.put(id, at);
                    insert.setString(1, id);
                    insert.setString(2, run + "-t" + (i % 1000));
                    insert.setTimestamp(3, Timestamp.from(at));
                    insert.addBatch();
                    if (i % 5000 == 4999) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
            db.commit();
            int pending;
            try (var rs = db.createStatement().executeQuery("SELECT count(*) FROM notification_worker.timer")) {
                rs.next();
                pending = rs.getInt(1);
            }
            db.commit();
            out.printf(Locale.ROOT, "%d timers written; %d pending in the table; the first is due at %s%n",
                    c.timers(), pending, start);
            if (Instant.now().isAfter(start)) {
                out.println("  warning: writing took longer than the lead; the first timers were overdue already");
            }

            Histogram lateness = new Histogram(1, 600_000_000L, 3);
            Instant firstSent = null;
            Instant lastSent = null;
            long fired = 0;
            long deadline = System.nanoTime() + c.lead().plus(c.spread()).plus(c.maxWait()).toNanos();
            while (fired < c.timers() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    String timerId = timerId(r.value());
                    Instant dueAt = timerId == null ? null : due.remove(timerId);
                    Header sent = r.headers().lastHeader("baton_sent_at");
                    if (dueAt == null || sent == null) {
                        continue;
                    }
                    Instant sentAt = Instant.parse(new String(sent.value(), StandardCharsets.UTF_8));
                    lateness.recordValue(Math.max(1, Math.min(600_000_000L,
                            Duration.between(dueAt, sentAt).toNanos() / 1000)));
                    firstSent = firstSent == null || sentAt.isBefore(firstSent) ? sentAt : firstSent;
                    lastSent = lastSent == null || sentAt.isAfter(lastSent) ? sentAt : lastSent;
                    fired++;
                }
                if (fired % 10_000 == 0 && fired > 0) {
                    out.printf(Locale.ROOT, "  %d fired%n", fired);
                }
            }
            double seconds = firstSent == null ? 0 : Duration.between(start, lastSent).toNanos() / 1e9;
            try (PreparedStatement clean = db.prepareStatement(
                    "DELETE FROM notification_worker.timer WHERE timer_id LIKE ?")) {
                clean.setString(1, run + "-%");
                clean.executeUpdate();
            }
            db.commit();
            return new Result(fired, lateness, seconds, seconds <= 0 ? 0 : fired / seconds, pending);
        }
    }

    private static String timerId(String json) {
        int at = json.indexOf("\"timerId\":\"");
        if (at < 0) {
            return null;
        }
        int from = at + "\"timerId\":\"".length();
        int to = json.indexOf('"', from);
        return to < 0 ? null : json.substring(from, to);
    }

    /** A consumer of the standalone's broker (127.0.0.1 only), assigned by the caller. */
    static KafkaConsumer<String, String> consumer(String bootstrap) {
        if (!bootstrap.startsWith("127.0.0.1:")) {
            throw new IllegalArgumentException("Only a Kafka broker on 127.0.0.1 is allowed, got " + bootstrap);
        }
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
    }
}
