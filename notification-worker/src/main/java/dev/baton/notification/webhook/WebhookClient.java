package dev.baton.notification.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.notification.NotificationProperties;
import io.netty.channel.ChannelOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * Posts notifications to the configured webhook, blocking the calling (consumer) thread for at most the configured
 * time-out. Never throws for an HTTP failure: the {@link WebhookResult} says whether it is worth retrying.
 */
@Component
public class WebhookClient {
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    public static final String EVENT_TYPE = "X-Baton-Event-Type";
    private static final Logger log = LoggerFactory.getLogger(WebhookClient.class);

    private final Optional<URI> url;
    private final Duration timeout;
    private final ObjectMapper json;
    private final WebClient web;

    public WebhookClient(NotificationProperties properties, ObjectMapper json, WebClient.Builder builder) {
        this.url = properties.webhook();
        this.timeout = properties.timeout();
        this.json = json;
        HttpClient http = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
                .responseTimeout(timeout);
        this.web = builder.clone().clientConnector(new ReactorClientHttpConnector(http)).build();
        url.ifPresentOrElse(
                // Only scheme and host: webhook paths often carry a token.
                u -> log.info("Posting notifications to {}://{}/… (time-out {} ms)", u.getScheme(), u.getHost(),
                        timeout.toMillis()),
                () -> log.warn("No webhook configured (baton.notification.webhook-url, env "
                        + "BATON_NOTIFICATION_WEBHOOK_URL): notifications are counted as skipped, not sent"));
    }

    public boolean configured() {
        return url.isPresent();
    }

    public WebhookResult post(Notification notification) {
        URI target = url.orElseThrow(() -> new IllegalStateException("No webhook configured"));
        byte[] body;
        try {
            body = json.writeValueAsBytes(notification);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write notification " + notification.deliveryId(), e);
        }
        WebhookResult result = web.post().uri(target)
                .contentType(MediaType.APPLICATION_JSON)
                .header(IDEMPOTENCY_KEY, notification.deliveryId())
                .header(EVENT_TYPE, notification.eventType())
                .bodyValue(body)
                .exchangeToMono(response -> {
                    int status = response.statusCode().value();
                    if (response.statusCode().is2xxSuccessful()) {
                        return response.releaseBody().thenReturn(WebhookResult.forStatus(status, null));
                    }
                    return response.bodyToMono(String.class).onErrorReturn("").defaultIfEmpty("")
                            .map(text -> WebhookResult.forStatus(status, text));
                })
                .timeout(timeout)
                .onErrorResume(e -> Mono.just(WebhookResult.unreachable(describe(e))))
                .block();
        return result == null ? WebhookResult.unreachable("no answer") : result;
    }

    private String describe(Throwable e) {
        if (e instanceof TimeoutException || e.getCause() instanceof TimeoutException
                || e.getClass().getSimpleName().contains("Timeout")) {
            return "No answer within " + timeout.toMillis() + " ms";
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return "Cannot reach the webhook: " + message;
    }
}
