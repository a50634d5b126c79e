package dev.baton.support.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.api.app.CallerApp;
import dev.baton.support.EdgeApplications;
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
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every Baton service does with input before a controller sees it: request bodies are read strictly and no
 * string, key, path segment or query parameter may hold a control character that {@code TextRule} refuses; requests
 * the HTTP layer refuses get problem+json too, and never leave a kept-alive connection hanging.
 */
class RequestEdgeTest {
    static final CallerApp APP = new CallerApp("edge-app", "Edge", "edge-secret", false, List.of("*"), true);
    static final TestDatabases.Database DB = TestDatabases.create("request_edge");
    static final ObjectMapper JSON = new ObjectMapper();
    static ConfigurableApplicationContext context;
    static SignedClient client;
    static int port;

    @BeforeAll
    static void start() {
        Map<String, Object> properties = EdgeApplications.properties("request-edge", DB);
        context = new SpringApplicationBuilder(Application.class).properties(properties).run();
        port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
        client = new SignedClient("http://127.0.0.1:" + port, APP.appId(), APP.secret());
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            context.close();
        }
    }

    @Test
    void theApiDescriptionSaysWhatItIsAndHowEveryRequestIsSigned() throws Exception {
        JsonNode api = JSON.readTree(WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build().get()
                .uri("/v3/api-docs").exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody());
        assertThat(api.at("/info/title").asText()).isEqualTo("Baton request-edge API");
        assertThat(api.at("/info/version").asText()).isNotBlank();
        assertThat(api.at("/info/description").asText()).contains("HMAC-SHA256", "SHA256_HEX(BODY)", "401");
        JsonNode schemes = api.at("/components/securitySchemes");
        assertThat(schemes.size()).isEqualTo(5);
        assertThat(schemes.findValuesAsText("name")).containsExactlyInAnyOrder("X-Baton-App", "X-Baton-Timestamp",
                "X-Baton-Nonce", "X-Baton-User", "X-Baton-Signature");
        assertThat(schemes.findValuesAsText("in")).containsOnly("header");
        // all five are required together, on every operation
        assertThat(api.at("/security/0").size()).isEqualTo(5);
    }

    @Test
    void acceptsAWellFormedDocument() {
        client.post("alice", "/echo", "{\"title\":\"Line one\\nline two\\tindented\",\"count\":3,"
                        + "\"fields\":{\"reason\":\"年假\",\"nested\":{\"a\":[1,\"x\"]}},\"tags\":[\"a\"]}")
                .expectStatus().isOk()
                .expectBody().jsonPath("$.title").isEqualTo("Line one\nline two\tindented");
    }

    @Test
    void refusesANulCharacterAnywhereInTheBodyNamingWhereItIs() {
        problem(client.post("alice", "/echo", "{\"title\":\"a\\u0000b\"}"), 400, "invalid-input", "/title");
        problem(client.post("alice", "/echo", "{\"title\":\"ok\",\"fields\":{\"reason\":[\"x\",\"\\u0000\"]}}"),
                400, "invalid-input", "/fields/reason/1");
        problem(client.post("alice", "/echo", "{\"title\":\"ok\",\"fields\":{\"re\\u0000ason\":1}}"),
                400, "invalid-input", "U+0000");
    }

    @Test
    void refusesOtherControlCharactersAndLoneSurrogates() {
        problem(client.post("alice", "/echo", "{\"title\":\"bell\\u0007\"}"), 400, "invalid-input", "U+0007");
        problem(client.post("alice", "/echo", "{\"title\":\"c1\\u0085\"}"), 400, "invalid-input", "U+0085");
        problem(client.post("alice", "/echo", "{\"title\":\"half \\ud800 pair\"}"), 400, "invalid-input", "U+D800");
        problem(client.post("alice", "/echo", "{\"title\":\"ok\",\"fields\":{\"line\\nkey\":1}}"),
                400, "invalid-input", "U+000A");
    }

    @Test
    void refusesTrailingGarbageDuplicateKeysAndUnknownProperties() {
        problem(client.post("alice", "/echo", "{\"title\":\"a\"}garbage"), 400, null, "garbage");
        problem(client.post("alice", "/echo", "{\"title\":\"a\"} {\"title\":\"b\"}"), 400, "malformed-request", null);
        problem(client.post("alice", "/echo", "{\"title\":\"a\",\"title\":\"b\"}"), 400, "malformed-request",
                "Duplicate");
        problem(client.post("alice", "/echo", "{\"title\":\"a\",\"fields\":{\"k\":1,\"k\":2}}"), 400,
                "malformed-request", "Duplicate");
        problem(client.post("alice", "/echo", "{\"titel\":\"a\"}"), 400, "malformed-request", "'titel'");
    }

    @Test
    void refusesValuesOfTheWrongType() {
        problem(client.post("alice", "/echo", "{\"title\":\"a\",\"count\":\"3\"}"), 400, "malformed-request", "/count");
        problem(client.post("alice", "/echo", "{\"title\":\"a\",\"count\":2.5}"), 400, "malformed-request", "/count");
        problem(client.post("alice", "/echo", "{\"title\":\"a\",\"tags\":\"x\"}"), 400, "malformed-request", "/tags");
        problem(client.post("alice", "/echo", "[1,2]"), 400, null, null);
        problem(client.post("alice", "/echo", "null"), 400, null, "null");
    }

    @Test
    void aStoreThatCannotBeReachedAnswers503WithRetryAfterNot500() {
        client.get("alice", "/unreachable-store").expectStatus().isEqualTo(503)
                .expectHeader().contentType("application/problem+json")
                .expectHeader().valueEquals("Retry-After", "1")
                .expectBody().jsonPath("$.code").isEqualTo("unavailable");
    }

    @Test
    void refusesPathsAndQueriesThatCannotBeDecoded() throws IOException {
        String answer = exchange("GET /search?title=%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 400").contains("application/problem+json").contains("malformed-request");
    }

    @Test
    void refusesControlCharactersInPathSegmentsAndQueryParameters() {
        problem(client.get("alice", "/items/a%00b"), 400, "invalid-input", "path segment 2");
        problem(client.get("alice", "/search?title=%00"), 400, "invalid-input", "'title'");
        problem(client.get("alice", "/search?title=a%0Ab"), 400, "invalid-input", "U+000A");
        client.get("alice", "/search?title=%E5%B9%B4%E5%81%87").expectStatus().isOk()
                .expectBody(String.class).isEqualTo("年假");
        client.get("alice", "/items/a%20b").expectStatus().isOk();
    }

    @Test
    void unauthenticatedRequestsWithControlCharactersAreRefusedAsBadInputToo() throws IOException {
        String answer = exchange("GET /items/%00 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 400").contains("application/problem+json").contains("invalid-input");
    }

    @Test
    void anOverlongRequestLineGetsA414ProblemAndTheConnectionIsClosed() throws IOException {
        String answer = exchange("GET /search?title=" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: x\r\n\r\n"
                + "GET /search?title=b HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 414").contains("application/problem+json")
                .contains("\"code\":\"uri-too-long\"").contains("connection: close");
        assertThat(answer.indexOf("HTTP/1.1", 1)).as("nothing after the refusal").isEqualTo(-1);
    }

    @Test
    void overlargeHeadersGetA431Problem() throws IOException {
        String answer = exchange("GET /search?title=b HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(20_000)
                + "\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 431").contains("\"code\":\"headers-too-large\"");
    }

    @Test
    void aRawBackslashInTheQueryGetsA400ProblemNotAHang() throws IOException {
        String answer = exchange("GET /search?title=a\\b HTTP/1.1\r\nHost: x\r\n\r\n"
                + "GET /search?title=b HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 400").contains("application/problem+json")
                .contains("malformed-request");
    }

    /**
     * A refusal answered at once, before any work leaves the connection's thread, on a kept-alive connection: the
     * connection goes on reading (a request sent behind such a refusal used to wait until the client gave up).
     */
    @Test
    void aKeptAliveConnectionGoesOnAnsweringAfterRefusalsAnsweredAtOnce() {
        WebTestClient unsigned = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(5)).build();
        SignedClient signed = new SignedClient("http://127.0.0.1:" + port, APP.appId(), APP.secret());
        for (int i = 0; i < 200; i++) {
            signed.get("alice", "/items/i" + i).expectStatus().isOk();
            unsigned.get().uri("/items/i" + i).exchange().expectStatus().isUnauthorized();
            signed.get("alice", "/items/a%00b").expectStatus().isBadRequest();
            signed.post("alice", "/echo", "{\"title\":\"t" + i + "\"}").expectStatus().isOk();
        }
    }

    @Test
    void aBrokenRequestLineGetsA400Problem() throws IOException {
        String answer = exchange("GET / HTTP/9.X\r\nHost: x\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 400").contains("application/problem+json");
    }

    private static void problem(org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec response,
                                int status, String code, String detailContains) {
        byte[] body = response.expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith("application/problem+json")
                .expectBody().returnResult().getResponseBody();
        try {
            JsonNode problem = JSON.readTree(body);
            if (code != null) {
                assertThat(problem.path("code").asText()).isEqualTo(code);
            }
            if (detailContains != null) {
                assertThat(problem.path("detail").asText()).contains(detailContains);
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Sends raw bytes on one connection and reads what comes back until the server closes it (or 10 s pass). */
    private static String exchange(String raw) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    answer.write(buffer, 0, n);
                }
            } catch (java.net.SocketTimeoutException e) {
                throw new AssertionError("the server neither answered fully nor closed: "
                        + answer.toString(StandardCharsets.UTF_8), e);
            } catch (java.net.SocketException e) {
                // reset after the answer: what arrived counts
            }
            return answer.toString(StandardCharsets.UTF_8).toLowerCase(java.util.Locale.ROOT)
                    .replace("http/1.1", "HTTP/1.1");
        }
    }

    public record Echo(String title, int count, Map<String, Object> fields, List<String> tags) {
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration(exclude = KafkaAutoConfiguration.class)
    static class Application {
        @Bean
        CallerApps callerApps() {
            return EdgeApplications.only(APP);
        }

        @Bean
        Endpoints endpoints() {
            return new Endpoints();
        }
    }

    @RestController
    static class Endpoints {
        @PostMapping("/echo")
        Echo echo(@RequestBody Echo echo) {
            return echo;
        }

        @GetMapping("/items/{id}")
        String item(@PathVariable String id) {
            return id;
        }

        @GetMapping("/search")
        String search(@RequestParam String title) {
            return title;
        }

        /** Reads from a database nobody listens for, as a request does while PostgreSQL restarts. */
        @GetMapping("/unreachable-store")
        Integer unreachableStore() {
            var dataSource = new org.springframework.jdbc.datasource.DriverManagerDataSource(
                    "jdbc:postgresql://127.0.0.1:1/none?connectTimeout=2", "postgres", "");
            return new org.springframework.jdbc.core.JdbcTemplate(dataSource).queryForObject("SELECT 1",
                    Integer.class);
        }
    }
}
