package dev.baton.bench;

import com.sun.net.httpserver.HttpServer;
import org.HdrHistogram.Histogram;

import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The notification role's sending throughput: starts a local webhook sink on {@code --sink-port} (the standalone's
 * {@code baton.notification.webhook-url} must point at it, path {@code /notify}), writes N due webhook deliveries
 * straight into the worker's outbox, and counts what reaches the sink. Prints deliveries per second and the time
 * from the deliveries being due to each reaching the sink. Only 127.0.0.1 is contacted.
 */
final class NotificationBenchmark {
    record Config(String jdbcUrl, String user, String password, int sinkPort, int deliveries, Duration maxWait) {
    }

    record Result(long received, long delivered, double seconds, double perSecond, Histogram latency) {
    }

    private NotificationBenchmark() {
    }

    static Result run(Config c, PrintStream out) throws Exception {
        String run = "notifybench-" + UUID.randomUUID().toString().substring(0, 8);
        AtomicLong received = new AtomicLong();
        AtomicReference<Instant> last = new AtomicReference<>(Instant.EPOCH);
        Histogram latency = new Histogram(1, 600_000_000L, 3);
        Instant due = Instant.now().plusSeconds(5);
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer sink = HttpServer.create(new InetSocketAddress("127.0.0.1", c.sinkPort()), 512);
        sink.createContext("/notify", exchange -> {
            exchange.getRequestBody().readAllBytes();
            Instant now = Instant.now();
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            if (key != null && key.startsWith(run)) {
                synchronized (latency) {
                    latency.recordValue(Math.max(1, Math.min(600_000_000L, Duration.between(due, now).toNanos() / 1000)));
                }
                received.incrementAndGet();
                last.accumulateAndGet(now, (a, b) -> a.isAfter(b) ? a : b);
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        sink.setExecutor(Executors.newFixedThreadPool(8));
        sink.start();
        try (Connection db = DriverManager.getConnection(c.jdbcUrl(), c.user(), c.password())) {
            db.setAutoCommit(false);
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO notification_worker.delivery (delivery_id,"
                    + " ticket_id, event_id, event_type, kind, reason, recipient, channel, subject, body, payload, status,"
                    + " max_attempts, next_at) VALUES (?, ?, ?, 'dev.baton.ticket.TicketTransferred.v1', 'NEW_TODO',"
                    + " 'TRANSFERRED', 'lena', 'webhook', 'A subject', 'A body', ?, 'PENDING', 3, ?)")) {
                for (int i = 0; i < c.deliveries(); i++) {
                    String id = run + "-e" + i + ":0";
                    insert.setString(1, id);
                    insert.setString(2, run + "-t" + i);
                    insert.setString(3, run + "-e" + i);
                    insert.setString(4, "{\"deliveryId\":\"" + id + "\",\"kind\":\"NEW_TODO\",\"subject\":\"A subject\"}");
                    insert.setTimestamp(5, Timestamp.from(due));
                    insert.addBatch();
                    if (i % 2000 == 1999) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
            db.commit();
            out.printf(Locale.ROOT, "%d deliveries written, due at %s, for a sink on port %d%n", c.deliveries(), due,
                    c.sinkPort());
            long deadline = System.nanoTime() + Duration.ofSeconds(5).plus(c.maxWait()).toNanos();
            while (received.get() < c.deliveries() && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            Thread.sleep(1000); // the last batch's rows are marked after their sends
            long delivered;
            try (PreparedStatement count = db.prepareStatement("SELECT count(*) FROM notification_worker.delivery"
                    + " WHERE delivery_id LIKE ? AND status = 'DELIVERED'")) {
                count.setString(1, run + "-%");
                var rs = count.executeQuery();
                rs.next();
                delivered = rs.getLong(1);
            }
            try (PreparedStatement clean = db.prepareStatement(
                    "DELETE FROM notification_worker.delivery WHERE delivery_id LIKE ?")) {
                clean.setString(1, run + "-%");
                clean.executeUpdate();
            }
            db.commit();
            double seconds = Duration.between(due, last.get()).toNanos() / 1e9;
            return new Result(received.get(), delivered, seconds, seconds <= 0 ? 0 : received.get() / seconds, latency);
        } finally {
            sink.stop(0);
        }
    }
}
