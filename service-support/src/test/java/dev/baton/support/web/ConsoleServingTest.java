package dev.baton.support.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.api.app.CallerApp;
import dev.baton.support.EdgeApplications;
import dev.baton.support.auth.Caller;
import dev.baton.support.auth.CallerApps;
import dev.baton.testing.SignedClient;
import dev.baton.testing.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's serving ({@link ConsoleServing}: the page, its assets and config.json, without a signature) and the
 * cross-origin rules that let its page call the other services ({@link CrossOrigin}): an allowed origin gets its
 * preflight answered and may read the answers, but still needs a signature; any other origin is refused.
 */
class ConsoleServingTest {
    static final CallerApp APP = new CallerApp("console-app", "Console", "console-secret", false, List.of("*"), true);
    static final TestDatabases.Database DB = TestDatabases.create("console_serving");
    static final String ORIGIN = "http://console.example:8081";
    static ConfigurableApplicationContext serving;
    static ConfigurableApplicationContext plain;

    @BeforeAll
    static void start() {
        serving = start(true);
        plain = start(false);
    }

    @AfterAll
    static void stop() {
        EdgeApplications.close(serving, plain);
    }

    @Test
    void servesThePageUnsignedWithItsAssetsCachedForGoodAndThePageNever() {
        WebTestClient client = client(serving);
        client.get().uri("/console").exchange().expectStatus().isPermanentRedirect()
                .expectHeader().location("/console/");
        client.get().uri("/console/").exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith("text/html")
                .expectHeader().cacheControl(org.springframework.http.CacheControl.noCache())
                .expectBody(String.class).value(body -> assertThat(body).contains("<title>console</title>"));
        client.get().uri("/console/assets/app-1a2b.js").exchange().expectStatus().isOk()
                .expectHeader().value("Cache-Control", value -> assertThat(value).contains("max-age=31536000"))
                .expectBody(String.class).value(body -> assertThat(body).contains("console.log"));
        client.get().uri("/console/assets/missing.js").exchange().expectStatus().isNotFound();
    }

    @Test
    void configJsonSaysWhereEachServiceIsAndWhichDemoApplicationsTheDemoSignsWith() {
        JsonNode config = client(serving).get().uri("/console/config.json").exchange().expectStatus().isOk()
                .expectHeader().value("Cache-Control", value -> assertThat(value).contains("no-store"))
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(config.get("endpoints").get("workflow-config").asText()).isEmpty();
        assertThat(config.get("endpoints").get("ticket-command").asText()).isEqualTo(":8082");
        assertThat(config.get("endpoints").get("ticket-query").asText()).isEqualTo("https://query.example");
        assertThat(config.get("endpoints").get("notification-worker").asText()).isEmpty();
        assertThat(config.get("demoApps")).hasSize(1);
        assertThat(config.get("demoApps").get(0).get("appId").asText()).isEqualTo("demo-app");
        assertThat(config.get("demoApps").get(0).get("admin").asBoolean()).isTrue();
    }

    @Test
    void withoutTheSettingThereIsNoConsole() {
        client(plain).get().uri("/console/").exchange().expectStatus().isNotFound();
        client(plain).get().uri("/console/config.json").exchange().expectStatus().isNotFound();
    }

    @Test
    void anAllowedOriginHasItsPreflightAnsweredWithTheSignatureHeaders() {
        client(serving).options().uri("/items")
                .header("Origin", ORIGIN)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type,x-baton-app,x-baton-signature,idempotency-key")
                .exchange().expectStatus().isOk()
                .expectHeader().valueEquals("Access-Control-Allow-Origin", ORIGIN)
                .expectHeader().value("Access-Control-Allow-Headers", value -> assertThat(value.toLowerCase())
                        .contains("x-baton-app", "x-baton-signature", "idempotency-key"));
    }

    @Test
    void anyOtherOriginIsRefusedAndAServiceWithoutTheSettingAllowsNone() {
        client(serving).options().uri("/items")
                .header("Origin", "http://evil.example")
                .header("Access-Control-Request-Method", "GET")
                .exchange().expectStatus().isForbidden();
        client(plain).options().uri("/items")
                .header("Origin", ORIGIN)
                .header("Access-Control-Request-Method", "GET")
                .exchange().expectHeader().doesNotExist("Access-Control-Allow-Origin");
    }

    @Test
    void aCrossOriginCallStillNeedsItsSignatureAndItsAnswerIsReadable() {
        client(serving).get().uri("/items").header("Origin", ORIGIN).exchange()
                .expectStatus().isUnauthorized();
        SignedClient signed = new SignedClient("http://127.0.0.1:" + port(serving), APP.appId(), APP.secret());
        signed.prepare(HttpMethod.GET, "alice", "/items", new byte[0], "n-" + System.nanoTime(), Instant.now())
                .header("Origin", ORIGIN).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("Access-Control-Allow-Origin", ORIGIN)
                .expectBody(String.class).isEqualTo("items for alice");
    }

    private static WebTestClient client(ConfigurableApplicationContext context) {
        return EdgeApplications.client(context);
    }

    private static int port(ConfigurableApplicationContext context) {
        return EdgeApplications.port(context);
    }

    private static ConfigurableApplicationContext start(boolean console) {
        Map<String, Object> properties = EdgeApplications.properties("console", DB);
        properties.put("baton.auth.nonces", "local");
        if (console) {
            properties.put("baton.console.enabled", true);
            properties.put("baton.console.endpoints.ticket-command", ":8082");
            properties.put("baton.console.endpoints.ticket-query", "https://query.example");
            properties.put("baton.console.demo-apps[0].app-id", "demo-app");
            properties.put("baton.console.demo-apps[0].secret", "demo-secret");
            properties.put("baton.console.demo-apps[0].admin", true);
            properties.put(CrossOrigin.PROPERTY, ORIGIN + ", http://other.example");
        }
        return new SpringApplicationBuilder(Application.class).properties(properties).run();
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration(exclude = KafkaAutoConfiguration.class)
    static class Application {
        @Bean
        CallerApps callerApps() {
            return EdgeApplications.only(APP);
        }

        @Bean
        Items items() {
            return new Items();
        }
    }

    @RestController
    static class Items {
        @GetMapping("/items")
        String items(ServerWebExchange exchange) {
            return "items for " + Caller.of(exchange).user();
        }
    }
}
