package dev.baton.support.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.api.app.CallerApp;
import dev.baton.api.auth.RequestSigning;
import dev.baton.api.error.ErrorCode;
import dev.baton.support.BatonProperties;
import dev.baton.support.problem.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Authenticates every API call as described in {@link RequestSigning}: a known, active caller application, a
 * timestamp within the allowed skew, a valid HMAC-SHA256 signature over method, path, timestamp, nonce, user and
 * body hash, and a nonce not seen within the skew window ({@link NonceStore}). Refusals are 401 problem+json; a body
 * over the limit is 413; 503 (with {@code Retry-After}) when, in local nonce mode, this instance has no room left to
 * remember another nonce. The body is read once here (bounded) and handed on to the controller.
 */
public class CallerAuthenticationFilter implements WebFilter, Ordered {
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");

    private final CallerApps apps;
    private final NonceStore nonces;
    private final BatonProperties.Auth settings;
    private final ObjectMapper json;
    private final Clock clock;

    public CallerAuthenticationFilter(CallerApps apps, NonceStore nonces, BatonProperties.Auth settings,
                                      ObjectMapper json, Clock clock) {
        this.apps = apps;
        this.nonces = nonces;
        this.settings = settings;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (settings.publicPaths().stream().anyMatch(path::startsWith)) {
            return chain.filter(exchange);
        }
        HttpHeaders headers = exchange.getRequest().getHeaders();
        String appId = headers.getFirst(RequestSigning.APP);
        String timestamp = headers.getFirst(RequestSigning.TIMESTAMP);
        String nonce = headers.getFirst(RequestSigning.NONCE);
        String user = headers.getFirst(RequestSigning.USER);
        String signature = headers.getFirst(RequestSigning.SIGNATURE);
        if (appId == null || timestamp == null || nonce == null || user == null || signature == null) {
            return refuse(exchange, ErrorCode.UNAUTHENTICATED, "Expected headers " + RequestSigning.APP + ", "
                    + RequestSigning.TIMESTAMP + ", " + RequestSigning.NONCE + ", " + RequestSigning.USER + " and "
                    + RequestSigning.SIGNATURE + ", but at least one is missing");
        }
        if (!TOKEN.matcher(nonce).matches() || !TOKEN.matcher(user).matches() || !TOKEN.matcher(appId).matches()) {
            return refuse(exchange, ErrorCode.UNAUTHENTICATED,
                    "Expected app id, nonce and user of 1-128 characters [A-Za-z0-9._:@-], but got something else");
        }
        Optional<Instant> sentAt = parseEpochSeconds(timestamp);
        Instant now = clock.instant();
        if (sentAt.isEmpty() || Duration.between(sentAt.get(), now).abs().compareTo(settings.maxClockSkew()) > 0) {
            return refuse(exchange, ErrorCode.UNAUTHENTICATED, "Expected a timestamp within "
                    + settings.maxClockSkew().toSeconds() + " s of " + now.getEpochSecond() + ", but got " + timestamp);
        }
        long declaredLength = headers.getContentLength();
        if (declaredLength > settings.maxBodyBytes()) {
            return refuse(exchange, ErrorCode.PAYLOAD_TOO_LARGE,
                    "Expected a body of at most " + settings.maxBodyBytes() + " bytes, but got " + declaredLength);
        }
        return Mono.fromCallable(() -> apps.find(appId)).subscribeOn(Schedulers.boundedElastic())
                .flatMap(app -> app.filter(CallerApp::active)
                        .map(found -> readBody(exchange).flatMap(body ->
                                verify(exchange, chain, found, timestamp, nonce, user, signature, sentAt.get(), body)))
                        .orElseGet(() -> refuse(exchange, ErrorCode.UNAUTHENTICATED,
                                "Expected a known, active caller application, but got '" + appId + "'")))
                .onErrorResume(DataBufferLimitException.class, e -> refuse(exchange, ErrorCode.PAYLOAD_TOO_LARGE,
                        "Expected a body of at most " + settings.maxBodyBytes() + " bytes, but it is larger"));
    }

    private Mono<Void> verify(ServerWebExchange exchange, WebFilterChain chain, CallerApp app, String timestamp,
                              String nonce, String user, String signature, Instant sentAt, byte[] body) {
        ServerHttpRequest request = exchange.getRequest();
        String pathAndQuery = request.getURI().getRawPath()
                + (request.getURI().getRawQuery() == null ? "" : "?" + request.getURI().getRawQuery());
        String canonical = RequestSigning.canonical(request.getMethod().name(), pathAndQuery, timestamp, nonce, user,
                body);
        if (!RequestSigning.matches(RequestSigning.sign(app.secret(), canonical), signature)) {
            return refuse(exchange, ErrorCode.UNAUTHENTICATED,
                    "Expected a valid signature of the request by '" + app.appId() + "', but it does not match");
        }
        Instant forgetAfter = sentAt.plus(settings.maxClockSkew()).plusSeconds(1);
        Mono<NonceStore.Claim> claim = Mono.fromCallable(() -> nonces.claim(app.appId(), nonce, forgetAfter));
        if (nonces.blocking()) {
            claim = claim.subscribeOn(Schedulers.boundedElastic());
        }
        return claim.flatMap(result -> switch (result) {
            case REPLAYED -> refuse(exchange, ErrorCode.REPLAYED_REQUEST,
                    "Expected a fresh nonce, but '" + nonce + "' was already used");
            case FULL -> {
                exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
                yield refuse(exchange, ErrorCode.NOT_READY, "Expected room to remember nonce '" + nonce
                        + "' until its timestamp expires, but this instance already remembers as many as it may ("
                        + "baton.auth.nonce-cache-size); retry shortly");
            }
            case FRESH -> {
                ServerWebExchange authenticated = exchange.mutate().request(withBody(request, exchange, body)).build();
                authenticated.getAttributes().put(Caller.ATTRIBUTE, new Caller(app, user));
                yield chain.filter(authenticated);
            }
        });
    }

    private Mono<byte[]> readBody(ServerWebExchange exchange) {
        return DataBufferUtils.join(exchange.getRequest().getBody(), settings.maxBodyBytes())
                .map(buffer -> {
                    byte[] bytes = new byte[buffer.readableByteCount()];
                    buffer.read(bytes);
                    DataBufferUtils.release(buffer);
                    return bytes;
                })
                .defaultIfEmpty(new byte[0]);
    }

    private static ServerHttpRequest withBody(ServerHttpRequest request, ServerWebExchange exchange, byte[] body) {
        HttpHeaders headers = new HttpHeaders();
        headers.putAll(request.getHeaders());
        if (body.length == 0 && headers.getContentType() == null) {
            // an empty body without a type reads as "no body" rather than as an unsupported media type
            headers.setContentType(org.springframework.http.MediaType.APPLICATION_JSON);
        }
        return new ServerHttpRequestDecorator(request) {
            @Override
            public HttpHeaders getHeaders() {
                return headers;
            }

            @Override
            public Flux<DataBuffer> getBody() {
                return body.length == 0 ? Flux.empty()
                        : Flux.defer(() -> Flux.just(exchange.getResponse().bufferFactory().wrap(body)));
            }
        };
    }

    private Mono<Void> refuse(ServerWebExchange exchange, ErrorCode code, String detail) {
        return Problems.write(exchange, json, code, detail);
    }

    private static Optional<Instant> parseEpochSeconds(String value) {
        try {
            return Optional.of(Instant.ofEpochSecond(Long.parseLong(value)));
        } catch (NumberFormatException | java.time.DateTimeException e) {
            return Optional.empty();
        }
    }
}
