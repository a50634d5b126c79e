package dev.baton.notification.channel;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * A chat group's robot: a Feishu/Lark custom bot, a DingTalk custom robot or a WeCom group robot. Each message is one
 * JSON POST to the robot's webhook URL in the platform's format, signed when the robot has a secret (Feishu in the
 * body, DingTalk in the query; WeCom robots are not signed), as {@link RobotFormats} builds and reads it.
 * <p>
 * One HTTP client serves all of the channel's sends: it follows no redirects and connects within the channel's
 * time-out, which also bounds each whole send. A send never completes exceptionally: no connection, a time-out,
 * 408, 429, 5xx and the platforms' "too fast" codes are {@link SendResult.Outcome#RETRYABLE}; a bad token, signature
 * or keyword is {@link SendResult.Outcome#REJECTED}.
 * <p>
 * A robot's URL carries its token or key, so only its scheme and host are ever logged, and the secret never is.
 */
public final class RobotChannel implements Channel {
    private static final Logger log = LoggerFactory.getLogger(RobotChannel.class);
    private static final Set<ChannelType> ROBOTS = Set.of(ChannelType.FEISHU, ChannelType.DINGTALK, ChannelType.WECOM);
    private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final String name;
    private final ChannelSettings settings;
    private final Clock clock;
    private final URI url;
    private final String site;
    private final HttpClient http;

    public RobotChannel(String name, ChannelSettings settings, Clock clock) {
        this.name = Objects.requireNonNull(name, "name");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (!ROBOTS.contains(settings.type())) {
            throw new IllegalArgumentException("Expected channel '" + name + "' to be FEISHU, DINGTALK or WECOM, but "
                    + "it is " + settings.type());
        }
        this.url = robotUrl(name, settings.url());
        if (settings.timeout().isZero() || settings.timeout().isNegative()) {
            throw new IllegalArgumentException("Expected channel '" + name + "' to have a positive time-out, but it "
                    + "is " + settings.timeout());
        }
        this.site = url.getScheme() + "://" + url.getHost();
        Duration connect = settings.timeout().compareTo(MAX_CONNECT_TIMEOUT) < 0 ? settings.timeout()
                : MAX_CONNECT_TIMEOUT;
        this.http = HttpClient.newBuilder().connectTimeout(connect)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        boolean signed = settings.secret() != null && settings.type() != ChannelType.WECOM;
        // Only scheme and host: the path or query carries the robot's token or key.
        log.info("Channel {} posts to a {} robot at {}/… ({}, time-out {} ms)", name, settings.type(), site,
                signed ? "signed" : "not signed", settings.timeout().toMillis());
        if (settings.secret() != null && !signed) {
            log.warn("Channel {}: WeCom group robots are not signed; its secret is not used", name);
        }
    }

    /** The robot's URL, checked: an absolute http(s) URL with a host. Never echoed: it carries a token. */
    private static URI robotUrl(String name, String url) {
        if (url == null) {
            throw new IllegalArgumentException("Expected channel '" + name + "' to have the robot's webhook URL, but "
                    + "it has none");
        }
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Expected channel '" + name + "' to have an http(s) URL, but its URL "
                    + "cannot be read");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new IllegalArgumentException("Expected channel '" + name + "' to have an http(s) URL with a host, "
                    + "but its scheme is '" + scheme + "'" + (uri.getHost() == null ? " and it has no host" : ""));
        }
        return uri;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ChannelType type() {
        return settings.type();
    }

    @Override
    public String target() {
        return url.toString();
    }

    @Override
    public CompletableFuture<SendResult> send(Message message) {
        Duration timeout = settings.timeout();
        Instant now = clock.instant();
        HttpRequest request = HttpRequest.newBuilder(target(now))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(RobotFormats.bytes(body(message, now))))
                .build();
        CompletableFuture<HttpResponse<byte[]>> call;
        try {
            call = http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(SendResult.retryable("Cannot post to the robot: "
                    + e.getClass().getSimpleName()));
        }
        CompletableFuture<SendResult> result = call
                .handle((response, failure) -> failure == null
                        ? RobotFormats.result(settings.type(), response.statusCode(),
                        new String(response.body(), StandardCharsets.UTF_8))
                        : SendResult.retryable(describe(failure)))
                // the request's time-out covers the answer's headers; this covers reading its body too
                .completeOnTimeout(SendResult.retryable(noAnswer()), timeout.toMillis(), TimeUnit.MILLISECONDS);
        return result.whenComplete((sent, ignored) -> {
            call.cancel(true);
            if (sent != null && !sent.delivered()) {
                log.debug("Channel {} ({}) did not deliver {} of ticket {}: {} {}", name, site, message.deliveryId(),
                        message.ticketId(), sent.outcome(), sent.detail());
            }
        });
    }

    /** Where this message goes: DingTalk's signature is in the query, so it is the URL of {@code now}. */
    private URI target(Instant now) {
        return settings.type() == ChannelType.DINGTALK
                ? URI.create(RobotFormats.dingTalkUrl(url.toString(), settings.secret(), now)) : url;
    }

    /** What to post: Feishu's signature is in the body, so it is the body of {@code now}. */
    private ObjectNode body(Message message, Instant now) {
        return switch (settings.type()) {
            case FEISHU -> RobotFormats.feishuBody(message, settings.secret(), now);
            case DINGTALK -> RobotFormats.dingTalkBody(message);
            default -> RobotFormats.weComBody(message);
        };
    }

    /** A transport failure, by kind only: exception messages may quote the URL. */
    private String describe(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof HttpConnectTimeoutException) {
            return "Cannot connect to the robot within " + http.connectTimeout().map(Duration::toMillis).orElse(0L)
                    + " ms";
        }
        if (cause instanceof HttpTimeoutException) {
            return noAnswer();
        }
        return "Cannot reach the robot: " + cause.getClass().getSimpleName();
    }

    private String noAnswer() {
        return "No answer from the robot within " + settings.timeout().toMillis() + " ms";
    }
}
