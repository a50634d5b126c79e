package dev.baton.support.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnResource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Serves the web console (the {@code baton-console} jar's {@value #ROOT} files) under {@code /console/}, when that
 * jar is on the class path and {@code baton.console.enabled} is true (workflow-config sets it). The page is static;
 * it learns where the four services answer from {@code /console/config.json}, built from
 * {@code baton.console.endpoints.<service>} (a service left out is this service's own origin, so a same-origin
 * gateway needs none), and, in the standalone only, the demo's caller applications from
 * {@code baton.console.demo-apps} (their secrets: never set this in production, where the embedding system signs).
 * {@code /console} is a public path: the console's own calls are signed like any client's.
 */
@AutoConfiguration
@ConditionalOnProperty(name = "baton.console.enabled", havingValue = "true")
@ConditionalOnResource(resources = "classpath:" + ConsoleServing.ROOT + "index.html")
public class ConsoleServing {
    public static final String ROOT = "baton/console/";
    static final List<String> SERVICES = List.of("workflow-config", "ticket-command", "ticket-query",
            "notification-worker");

    @Bean
    RouterFunction<ServerResponse> consoleRoutes(Environment environment, ObjectMapper json) {
        Resource index = new ClassPathResource(ROOT + "index.html");
        Map<String, Object> config = config(Binder.get(environment));
        return RouterFunctions.route()
                .GET("/console", request -> ServerResponse.status(HttpStatus.PERMANENT_REDIRECT)
                        .location(URI.create("/console/")).build())
                .GET("/console/", request -> ServerResponse.ok().contentType(MediaType.TEXT_HTML)
                        .cacheControl(CacheControl.noCache()).bodyValue(index))
                .GET("/console/config.json", request -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON)
                        .cacheControl(CacheControl.noStore()).bodyValue(config))
                .add(RouterFunctions.resources("/console/assets/**", new ClassPathResource(ROOT + "assets/"))
                        .filter((request, next) -> next.handle(request).flatMap(response ->
                                ServerResponse.from(response)
                                        // file names carry their content's hash: cached for good
                                        .cacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePublic())
                                        .build((exchange, context) -> response.writeTo(exchange, context)))))
                .build();
    }

    /** What the page reads at start: each service's base URL ("" for this origin), and the demo's applications. */
    static Map<String, Object> config(Binder binder) {
        Map<String, Object> endpoints = new LinkedHashMap<>();
        for (String service : SERVICES) {
            endpoints.put(service, binder.bind("baton.console.endpoints." + service, String.class).orElse(""));
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("endpoints", endpoints);
        config.put("demoApps", binder.bind("baton.console.demo-apps", DemoApp[].class).map(List::of)
                .orElse(List.of()));
        return config;
    }

    /** A caller application the demo console signs with: its id, secret and whether it is the admin one. */
    public record DemoApp(String appId, String secret, boolean admin) {
    }
}
