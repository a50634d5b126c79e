package dev.baton.bench;

import com.sun.net.httpserver.HttpServer;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local webhook receiver for the notification worker ({@code baton.notification.webhook-url} or
 * {@code BATON_NOTIFICATION_WEBHOOK_URL} pointing at {@code http://127.0.0.1:<port>/notify}): answers every POST
 * 204, or 503 to every n-th when told to fail some (so that the worker retries), and writes one line per request to
 * the sink log: {@code <epoch-ms> <status answered> <Idempotency-Key>}. The audit counts the keys received more than
 * once (at-least-once duplicates a receiver deduplicates by that key) apart from the distinct deliveries.
 */
final class WebhookSink implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final BufferedWriter log;
    private final int failEvery;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong failedOnPurpose = new AtomicLong();
    private final Set<String> keys = new HashSet<>();
    private long duplicates;
    private volatile long lastRequestNanos = System.nanoTime();

    WebhookSink(int port, Path logFile, int failEvery) throws IOException {
        this.failEvery = failEvery;
        if (logFile.getParent() != null) {
            Files.createDirectories(logFile.getParent());
        }
        this.log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8);
        log.write("# epoch-ms status Idempotency-Key\n");
        log.flush();
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 256);
        server.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                long n = requests.incrementAndGet();
                lastRequestNanos = System.nanoTime();
                String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
                int status = failEvery > 0 && n % failEvery == 0 ? 503 : 204;
                if (status == 503) {
                    failedOnPurpose.incrementAndGet();
                }
                record(key == null ? "-" : key, status);
                exchange.sendResponseHeaders(status, -1);
            }
        });
        server.setExecutor(executor);
        server.start();
    }

    private synchronized void record(String key, int status) {
        if (!keys.add(key)) {
            duplicates++;
        }
        try {
            log.write(System.currentTimeMillis() + " " + status + " " + key + "\n");
            log.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long requests() {
        return requests.get();
    }

    long failedOnPurpose() {
        return failedOnPurpose.get();
    }

    synchronized long distinctKeys() {
        return keys.size();
    }

    /** Requests whose key had been received before. */
    synchronized long duplicates() {
        return duplicates;
    }

    long nanosSinceLastRequest() {
        return System.nanoTime() - lastRequestNanos;
    }

    @Override
    public void close() throws IOException {
        server.stop(0);
        executor.shutdownNow();
        synchronized (this) {
            log.close();
        }
    }
}
