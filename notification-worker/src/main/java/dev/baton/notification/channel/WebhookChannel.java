package dev.baton.notification.channel;

import dev.baton.api.trace.TraceParent;
import dev.baton.notification.hook.HookSigning;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;

/**
 * Posts the whole notification as JSON ({@link Message#payload()}) to an HTTP endpoint, with the delivery id as
 * {@code Idempotency-Key}. With a secret, the post is signed like hook calls: {@code X-Baton-Signature: sha256=<HMAC
 * of "<X-Baton-Timestamp>.<body>">}. 2xx is sent; 408, 429, 5xx and no answer are retried; any other answer refuses.
 */
public final class WebhookChannel implements Channel {
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final String name;
    private final ChannelSettings settings;
    private final URI url;
    private final Clock clock;
    private final HttpClient http;

    public WebhookChannel(String name, ChannelSettings settings, Clock clock) {
        this.name = name;
        this.settings = settings;
        this.url = URI.create(settings.url());
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ChannelType type() {
        return ChannelType.WEBHOOK;
    }

    @Override
    public String target() {
        return url.toString();
    }

    @Override
    public CompletableFuture<SendResult> send(Message message) {
        byte[] body = message.payload().getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .header(IDEMPOTENCY_KEY, message.deliveryId())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (message.trace() != null) {
            request.header(TraceParent.HEADER, message.trace().toString());
        }
        if (settings.secret() != null) {
            String timestamp = Long.toString(clock.instant().getEpochSecond());
            request.header(HookSigning.TIMESTAMP, timestamp)
                    .header(HookSigning.SIGNATURE, HookSigning.sign(settings.secret(), timestamp, body));
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> SendResult.forStatus(response.statusCode(), response.body()))
                .exceptionally(failure -> SendResult.retryable("No answer from the webhook: "
                        + (failure.getCause() == null ? failure : failure.getCause()).getClass().getSimpleName()));
    }
}
