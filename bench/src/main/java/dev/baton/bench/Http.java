package dev.baton.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.api.auth.RequestSigning;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Signed calls to Baton (HTTP/1.1 keep-alive, java.net.http). Refuses any host other than the loopback interface:
 * the benchmark only ever talks to services on this machine.
 */
final class Http {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong NONCES = new AtomicLong();
    private static final String NONCE_PREFIX = Long.toHexString(System.nanoTime() ^ ThreadLocalRandom.current().nextLong());

    private final HttpClient client;
    private final String app;
    private final String secret;
    private final Duration timeout;

    Http(String app, String secret, Duration timeout) {
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        this.app = app;
        this.secret = secret;
        this.timeout = timeout;
    }

    /** Validates a base URL: http, loopback only, no trailing slash. */
    static String base(String url) {
        URI uri = URI.create(url);
        String host = uri.getHost();
        if (!"http".equals(uri.getScheme()) || host == null
                || !(host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]"))) {
            throw new IllegalArgumentException("Only http://127.0.0.1:<port> is allowed, got " + url);
        }
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /**
     * One answer with the moments (System.nanoTime) the request left and the answer was complete; status -1 when no
     * answer came (connection refused, timeout: see {@link #failure()}), -2 when interrupted. {@code replayed}: the
     * service answered a retry with the stored answer of its first request ({@code Idempotent-Replayed}).
     */
    record Answer(int status, byte[] body, long sentNanos, long doneNanos, boolean replayed) {
        Answer(int status, byte[] body, long sentNanos, long doneNanos) {
            this(status, body, sentNanos, doneNanos, false);
        }

        /** What kind of failure: the status, or {@code timeout}, {@code refused}, {@code io} when no answer came. */
        String failure() {
            if (status >= 0) {
                return Integer.toString(status);
            }
            String t = text();
            if (t.contains("HttpTimeoutException") || t.contains("timed out")) {
                return "timeout";
            }
            if (t.contains("ConnectException") || t.contains("Connection refused")) {
                return "refused";
            }
            return status == -2 ? "interrupted" : "io";
        }

        /** The problem+json {@code code} of a refusal (e.g. idempotency-key-in-use), or "" when there is none. */
        String problemCode() {
            try {
                return JSON.readTree(body).path("code").asText("");
            } catch (IOException | RuntimeException e) {
                return "";
            }
        }

        long micros() {
            return (doneNanos - sentNanos) / 1_000;
        }

        boolean ok() {
            return status >= 200 && status < 300;
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("Unreadable answer: " + new String(body), e);
            }
        }

        String text() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private HttpRequest request(String method, String base, String pathAndQuery, String user, byte[] body) {
        return request(method, base, pathAndQuery, user, body, null);
    }

    private HttpRequest request(String method, String base, String pathAndQuery, String user, byte[] body,
                                String idempotencyKey) {
        String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        String nonce = NONCE_PREFIX + "-" + NONCES.incrementAndGet();
        byte[] payload = body == null ? new byte[0] : body;
        String signature = RequestSigning.sign(secret,
                RequestSigning.canonical(method, pathAndQuery, timestamp, nonce, user, payload));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .timeout(timeout)
                .header(RequestSigning.APP, app)
                .header(RequestSigning.TIMESTAMP, timestamp)
                .header(RequestSigning.NONCE, nonce)
                .header(RequestSigning.USER, user)
                .header(RequestSigning.SIGNATURE, signature)
                .header("Accept", "application/json");
        if (idempotencyKey != null) {
            b.header("Idempotency-Key", idempotencyKey);
        }
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofByteArray(payload));
        }
        return b.build();
    }

    Answer get(String base, String pathAndQuery, String user) {
        return send(request("GET", base, pathAndQuery, user, null));
    }

    Answer post(String base, String path, String user, Object body) {
        return post(base, path, user, body, null);
    }

    /** A POST with an {@code Idempotency-Key} (none when null): a retry with the same key never acts twice. */
    Answer post(String base, String path, String user, Object body, String idempotencyKey) {
        try {
            return send(request("POST", base, path, user, JSON.writeValueAsBytes(body), idempotencyKey));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    CompletableFuture<Answer> getAsync(String base, String pathAndQuery, String user) {
        HttpRequest r = request("GET", base, pathAndQuery, user, null);
        long sent = System.nanoTime();
        return client.sendAsync(r, HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(res -> new Answer(res.statusCode(), res.body(), sent, System.nanoTime()));
    }

    private Answer send(HttpRequest r) {
        long sent = System.nanoTime();
        try {
            HttpResponse<byte[]> res = client.send(r, HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(res.statusCode(), res.body(), sent, System.nanoTime(),
                    res.headers().firstValue("Idempotent-Replayed").isPresent());
        } catch (IOException e) {
            return new Answer(-1, String.valueOf(e).getBytes(), sent, System.nanoTime());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-2, "interrupted".getBytes(), sent, System.nanoTime());
        }
    }
}
