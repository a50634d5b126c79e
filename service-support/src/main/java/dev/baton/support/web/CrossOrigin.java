package dev.baton.support.web;

import dev.baton.api.auth.RequestSigning;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsWebFilter;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.List;

/**
 * Lets a browser page served from another origin (the web console, an embedding system's front end) call this
 * service: {@code baton.api.cors.allowed-origins} lists the origins, exactly ({@code https://oa.example.com}); none by
 * default, so a browser refuses every cross-origin call. A preflight is answered before the signature check, which a
 * preflight cannot pass; the request that follows is signed and checked like any other, so an allowed origin gains
 * nothing without an application's secret.
 */
@AutoConfiguration
public class CrossOrigin {
    public static final String PROPERTY = "baton.api.cors.allowed-origins";

    /** What a signed call sends beside the body: the signature's headers, an idempotency key, a trace. */
    static final List<String> REQUEST_HEADERS = List.of("Content-Type", "Accept", "Accept-Language",
            RequestSigning.APP, RequestSigning.TIMESTAMP, RequestSigning.NONCE,
            RequestSigning.USER, RequestSigning.SIGNATURE, "Idempotency-Key", "traceparent",
            "tracestate");
    /** What a page may read of an answer beyond the safe headers. */
    static final List<String> RESPONSE_HEADERS = List.of("Location", "Retry-After", "ETag", "Content-Disposition",
            "traceparent");

    @Bean
    WebFilter crossOriginFilter(Environment environment) {
        List<String> origins = Binder.get(environment).bind(PROPERTY, String[].class)
                .map(List::of).orElse(List.of()).stream().map(String::trim).filter(o -> !o.isEmpty()).toList();
        if (origins.isEmpty()) {
            // bound with the Binder, so the environment's BATON_API_CORS_ALLOWEDORIGINS counts too
            return new Ordering(null);
        }
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(origins);
        cors.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"));
        cors.setAllowedHeaders(REQUEST_HEADERS);
        cors.setExposedHeaders(RESPONSE_HEADERS);
        cors.setAllowCredentials(false);
        cors.setMaxAge(Duration.ofHours(1));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", cors);
        return new Ordering(new CorsWebFilter(source));
    }

    /** The CORS filter (none when no origin is allowed), after the hand-over to another thread and before the signature check. */
    record Ordering(CorsWebFilter cors) implements WebFilter, Ordered {
        @Override
        public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
            return cors == null ? chain.filter(exchange) : cors.filter(exchange, chain);
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE + 5;
        }
    }
}
