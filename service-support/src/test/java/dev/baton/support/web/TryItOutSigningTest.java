package dev.baton.support.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.api.app.CallerApp;
import dev.baton.support.EdgeApplications;
import dev.baton.api.auth.RequestSigning;
import dev.baton.support.auth.CallerApps;
import dev.baton.support.auth.Caller;
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
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Swagger UI's "Try it out" signing: the browser-side script, run with Node's WebCrypto, signs exactly as
 * {@link RequestSigning} does, and its interceptor turns an authorized request (app, user, secret) into one the
 * service accepts; the interceptor is served in {@code swagger-initializer.js} only when
 * {@code baton.api.try-it-out-signing} is on.
 */
class TryItOutSigningTest {
    static final CallerApp APP = new CallerApp("try-app", "Try", "try-secret-年", false, List.of("*"), true);
    static final TestDatabases.Database DB = TestDatabases.create("try_it_out");
    static final ObjectMapper JSON = new ObjectMapper();
    static ConfigurableApplicationContext signing;
    static ConfigurableApplicationContext plain;

    @BeforeAll
    static void start() {
        signing = start(true);
        plain = start(false);
    }

    @AfterAll
    static void stop() {
        EdgeApplications.close(signing, plain);
    }

    @Test
    void theBrowserScriptSignsExactlyAsRequestSigningDoes() throws Exception {
        String body = "{\"workflow\":\"leave-request\",\"title\":\"Leave 年假\",\"fields\":{\"days\":2}}";
        String signature = node("""
                const canonical = await batonTryItOut.canonical('post', '/tickets?x=1&name=%E5%B9%B4', '1764900000',
                    'nonce-1', 'alice', BODY);
                console.log(await batonTryItOut.sign('try-secret-年', canonical));
                """.replace("BODY", JSON.writeValueAsString(body)));

        String expected = RequestSigning.sign(APP.secret(), RequestSigning.canonical("POST",
                "/tickets?x=1&name=%E5%B9%B4", "1764900000", "nonce-1", "alice",
                body.getBytes(StandardCharsets.UTF_8)));
        assertThat(signature).isEqualTo(expected);
        String withoutBody = node("""
                console.log(await batonTryItOut.sign('try-secret-年',
                    await batonTryItOut.canonical('GET', '/tickets/todo', '1', 'n', 'bob', undefined)));
                """);
        assertThat(withoutBody).isEqualTo(RequestSigning.sign(APP.secret(),
                RequestSigning.canonical("GET", "/tickets/todo", "1", "n", "bob", null)));
    }

    @Test
    void theInterceptorReplacesTheSecretWithASignatureTheServiceAccepts() throws Exception {
        String base = "http://127.0.0.1:" + port(signing);
        String body = "{\"text\":\"年假\"}";
        JsonNode headers = JSON.readTree(node("""
                const request = await batonTryItOut.intercept({method: 'POST', url: '%s/echo?q=1', body: %s,
                    headers: {'Content-Type': 'application/json', 'X-Baton-App': 'try-app', 'X-Baton-User': 'alice',
                              'X-Baton-Signature': 'try-secret-年'}});
                console.log(JSON.stringify(request.headers));
                """.formatted(base, JSON.writeValueAsString(body))));

        assertThat(headers.path("X-Baton-Signature").asText()).matches("[0-9a-f]{64}");
        assertThat(headers.path("X-Baton-Nonce").asText()).isNotBlank();
        assertThat(Long.parseLong(headers.path("X-Baton-Timestamp").asText()))
                .isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(60L));
        WebTestClient.bindToServer().baseUrl(base).build().post().uri("/echo?q=1")
                .contentType(MediaType.APPLICATION_JSON)
                .headers(h -> headers.fields().forEachRemaining(e -> h.set(e.getKey(), e.getValue().asText())))
                .bodyValue(body.getBytes(StandardCharsets.UTF_8))
                .exchange().expectStatus().isOk().expectBody(String.class).isEqualTo("alice:" + body);
    }

    @Test
    void theInterceptorLeavesAnUnauthorizedRequestAlone() throws Exception {
        String headers = node("""
                const request = await batonTryItOut.intercept({method: 'GET', url: 'http://x/v3/api-docs',
                    headers: {Accept: 'application/json'}});
                console.log(JSON.stringify(request.headers));
                """);
        assertThat(headers).isEqualTo("{\"Accept\":\"application/json\"}");
    }

    @Test
    void swaggerUiGetsTheInterceptorOnlyWhenTheSettingIsOn() throws Exception {
        String on = initializer(signing);
        assertThat(on).contains("batonTryItOut", "requestInterceptor: (request) => batonTryItOut.intercept(request)")
                .contains("presets: [", "/v3/api-docs");
        // still a script a browser runs: its configuration object was not broken by the insertion
        assertThat(node(on + "\nconsole.log(typeof window.onload);", "globalThis.window = {};\n"))
                .isEqualTo("function");
        assertThat(initializer(plain)).doesNotContain("batonTryItOut", "requestInterceptor");
    }

    @Test
    void theSchemesSayWhatToEnterOnlyWhenTheSettingIsOn() throws IOException {
        assertThat(scheme(signing, "signature")).contains("enter the application's secret");
        assertThat(scheme(signing, "nonce")).contains("leave empty");
        assertThat(scheme(plain, "signature")).doesNotContain("Swagger UI");
    }

    private static String scheme(ConfigurableApplicationContext context, String name) throws IOException {
        byte[] api = client(context).get().uri("/v3/api-docs").exchange().expectStatus().isOk().expectBody()
                .returnResult().getResponseBody();
        return JSON.readTree(api).at("/components/securitySchemes/" + name + "/description").asText();
    }

    private static String initializer(ConfigurableApplicationContext context) {
        return client(context).get().uri("/webjars/swagger-ui/swagger-initializer.js").exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
    }

    private static WebTestClient client(ConfigurableApplicationContext context) {
        return EdgeApplications.client(context);
    }

    /** Runs the script and then {@code code} (inside an async function) in Node; what it printed, trimmed. */
    private static String node(String code) throws Exception {
        return node(TryItOutSigning.script() + "\nawait (async () => {\n" + code + "\n})();\n", "");
    }

    /** Runs {@code script} in Node after {@code prelude}; what it printed, trimmed. */
    private static String node(String script, String prelude) throws Exception {
        Path file = Files.createTempFile("try-it-out-", ".mjs");
        try {
            Files.writeString(file, prelude + script);
            Process process = new ProcessBuilder("node", file.toString()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(output).isZero();
            return output;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static int port(ConfigurableApplicationContext context) {
        return EdgeApplications.port(context);
    }

    private static ConfigurableApplicationContext start(boolean tryItOutSigning) {
        Map<String, Object> properties = EdgeApplications.properties("try-it-out", DB);
        properties.put("baton.auth.nonces", "local");
        properties.put(TryItOutSigning.PROPERTY, tryItOutSigning);
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
        Echo echo() {
            return new Echo();
        }
    }

    @RestController
    static class Echo {
        @PostMapping("/echo")
        String echo(@RequestBody String body, ServerWebExchange exchange) {
            return Caller.of(exchange).user() + ":" + body;
        }
    }
}
