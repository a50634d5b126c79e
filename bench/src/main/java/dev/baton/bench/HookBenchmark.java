package dev.baton.bench;

import com.sun.net.httpserver.HttpServer;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The hook role's throughput: starts a local HTTP sink that answers every call {@code {"result": true}} at once,
 * writes N due sync hook calls for it straight into the hook worker's table, and reads the {@code AnswerHook}
 * commands the worker sends. Prints calls per second and the time from the calls being due to each answer being
 * sent. The standalone must allow 127.0.0.1 and know the secret named {@code bench}
 * ({@code -Dbaton.hooks.allow-hosts=127.0.0.1 -Dbaton.hooks.secrets.bench=…}). Only 127.0.0.1 is contacted.
 */
final class HookBenchmark {
    record Config(String jdbcUrl, String user, String password, String bootstrap, int calls, Duration maxWait) {
    }

    record Result(long answered, long sinkCalls, double seconds, double perSecond, Histogram latency) {
    }

    private HookBenchmark() {
    }

    static Result run(Config c, PrintStream out) throws Exception {
        String run = "hookbench-" + UUID.randomUUID().toString().substring(0, 8);
        AtomicLong sinkCalls = new AtomicLong();
        // answer in one packet: without it, delayed ACKs hold each response for ~40 ms
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer sink = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        byte[] ok = "{\"result\": true}".getBytes(StandardCharsets.UTF_8);
        sink.createContext("/sink", exchange -> {
            exchange.getRequestBody().readAllBytes();
            sinkCalls.incrementAndGet();
            exchange.sendResponseHeaders(200, ok.length);
            exchange.getResponseBody().write(ok);
            exchange.close();
        });
        sink.setExecutor(Executors.newFixedThreadPool(8));
        sink.start();
        String url = "http://127.0.0.1:" + sink.getAddress().getPort() + "/sink";
        try (KafkaConsumer<String, String> consumer = TimerBenchmark.consumer(c.bootstrap());
             Connection db = DriverManager.getConnection(c.jdbcUrl(), c.user(), c.password())) {
            List<TopicPartition> partitions = consumer.partitionsFor("baton.ticket.commands", Duration.ofSeconds(10))
                    .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);

            db.setAutoCommit(false);
            Instant due = Instant.now().plusSeconds(5);
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO notification_worker.hook_call (hook_id,"
                    + " ticket_id, status, mode, url, secret_name, timeout_seconds, max_attempts, next_at, payload,"
                    + " scheduled_seq) VALUES (?, ?, 'PENDING', 'SYNC', ?, 'bench', 10, 3, ?, ?, 0)")) {
                for (int i = 0; i < c.calls(); i++) {
                    String ticket = run + "-t" + i;
                    insert.setString(1, ticket + "-v2-h1");
                    insert.setString(2, ticket);
                    insert.setString(3, url);
                    insert.setTimestamp(4, Timestamp.from(due));
                    insert.setString(5, "{\"ticketId\":\"" + ticket + "\",\"fields\":{\"app\":\"billing\"}}");
                    insert.addBatch();
                    if (i % 2000 == 1999) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
            db.commit();
            out.printf(Locale.ROOT, "%d hook calls written, due at %s, for a sink at %s%n", c.calls(), due, url);

            Histogram latency = new Histogram(1, 600_000_000L, 3);
            long answered = 0;
            Instant last = due;
            long deadline = System.nanoTime() + Duration.ofSeconds(5).plus(c.maxWait()).toNanos();
            while (answered < c.calls() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.key() == null || !r.key().startsWith(run)) {
                        continue;
                    }
                    var sent = r.headers().lastHeader("baton_sent_at");
                    Instant at = sent == null ? Instant.now()
                            : Instant.parse(new String(sent.value(), StandardCharsets.UTF_8));
                    latency.recordValue(Math.max(1, Math.min(600_000_000L, Duration.between(due, at).toNanos() / 1000)));
                    last = at.isAfter(last) ? at : last;
                    answered++;
                }
            }
            double seconds = Duration.between(due, last).toNanos() / 1e9;
            try (PreparedStatement clean = db.prepareStatement(
                    "DELETE FROM notification_worker.hook_call WHERE hook_id LIKE ?")) {
                clean.setString(1, run + "-%");
                clean.executeUpdate();
            }
            db.commit();
            return new Result(answered, sinkCalls.get(), seconds, seconds <= 0 ? 0 : answered / seconds, latency);
        } finally {
            sink.stop(0);
        }
    }
}
