package dev.baton.client;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

/**
 * Signs each request the generated clients send, as Baton's services check it: the lowercase hex HMAC-SHA256, keyed
 * with the caller application's secret, of
 * <pre>
 * METHOD \n PATH[?QUERY] \n TIMESTAMP \n NONCE \n USER \n SHA256_HEX(BODY)
 * </pre>
 * with the app id, the timestamp (epoch seconds), a fresh nonce and the acting user in the {@code X-Baton-*} headers.
 * It is the generated {@code ApiClient}'s request interceptor, which sees the request once its body is set.
 */
public final class RequestSigner implements Consumer<HttpRequest.Builder> {
    public static final String APP = "X-Baton-App";
    public static final String TIMESTAMP = "X-Baton-Timestamp";
    public static final String NONCE = "X-Baton-Nonce";
    public static final String USER = "X-Baton-User";
    public static final String SIGNATURE = "X-Baton-Signature";

    private final String appId;
    private final byte[] secret;
    private final String user;
    private final Clock clock;

    public RequestSigner(String appId, String secret, String user, Clock clock) {
        this.appId = require(appId, "app id");
        this.secret = require(secret, "secret").getBytes(StandardCharsets.UTF_8);
        this.user = require(user, "user");
        this.clock = clock;
    }

    private static String require(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Expected a " + what + ", but got none");
        }
        return value;
    }

    @Override
    public void accept(HttpRequest.Builder builder) {
        HttpRequest request = builder.copy().build();
        URI uri = request.uri();
        String pathAndQuery = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        String nonce = UUID.randomUUID().toString();
        byte[] body = request.bodyPublisher().map(RequestSigner::bytes).orElse(new byte[0]);
        String canonical = canonical(request.method(), pathAndQuery, timestamp, nonce, user, body);
        builder.setHeader(APP, appId)
                .setHeader(TIMESTAMP, timestamp)
                .setHeader(NONCE, nonce)
                .setHeader(USER, user)
                .setHeader(SIGNATURE, sign(secret, canonical));
    }

    static String canonical(String method, String pathAndQuery, String timestamp, String nonce, String user,
                            byte[] body) {
        return method.toUpperCase() + "\n" + pathAndQuery + "\n" + timestamp + "\n" + nonce + "\n" + user + "\n"
                + hex(digest(body));
    }

    static String sign(byte[] secret, String canonical) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return hex(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static byte[] digest(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** The bytes a body publisher gives (the generated clients send byte arrays, which can be read again). */
    private static byte[] bytes(HttpRequest.BodyPublisher publisher) {
        CompletableFuture<byte[]> read = new CompletableFuture<>();
        publisher.subscribe(new Flow.Subscriber<>() {
            private final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();

            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                out.write(chunk, 0, chunk.length);
            }

            @Override
            public void onError(Throwable throwable) {
                read.completeExceptionally(throwable);
            }

            @Override
            public void onComplete() {
                read.complete(out.toByteArray());
            }
        });
        return read.join();
    }
}
