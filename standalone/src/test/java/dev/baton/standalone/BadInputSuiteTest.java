package dev.baton.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.engine.BatonJson;
import dev.baton.testing.SignedClient;
import dev.baton.testing.TestDatabases;
import dev.baton.testing.TestKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every operation of all four services, as their OpenAPI descriptions list them, fed malformed, wrong-typed, null,
 * duplicate-key, trailing-garbage, oversize, unknown-property, control-character and odd-path input through an
 * admin caller application (which may do anything, so a bad input that slipped through would really act): each answer
 * is a 4xx problem+json with a code, and afterwards every table of every service, the event store included, holds
 * exactly what it held before. A new endpoint is covered without a test written for it.
 */
class BadInputSuiteTest {
    static final ObjectMapper JSON = BatonJson.mapper();
    static final String ADMIN = "admin-console";
    static final String ADMIN_SECRET = "bad-input-admin-secret";
    static final String OA = "demo-oa";
    static final String OA_SECRET = "bad-input-oa-secret";
    static final List<String> SERVICES = List.of("workflow-config", "ticket-command", "ticket-query",
            "notification-worker");
    static final Map<String, SignedClient> CLIENTS = new java.util.concurrent.ConcurrentHashMap<>();
    static TestDatabases.Database db;
    static BatonServices services;
    static String ticketId;

    @BeforeAll
    static void startBaton() {
        db = TestDatabases.create("bad_input");
        services = BatonServices.start(new BatonServices.Infrastructure(db.jdbcUrl(), db.username(), db.password(),
                TestKafka.bootstrapServers()), BatonServices.Ports.random(), Map.of(
                "workflow-config:baton.bootstrap.admin-app", ADMIN,
                "workflow-config:baton.bootstrap.admin-secret", ADMIN_SECRET,
                "workflow-config:baton.bootstrap.apps[0].app-id", OA,
                "workflow-config:baton.bootstrap.apps[0].secret", OA_SECRET,
                "workflow-config:baton.bootstrap.apps[0].workflows[0]", "leave-request",
                "workflow-config:baton.demo.enabled", "true"));
        SignedClient commands = new SignedClient(services.url("ticket-command"), OA, OA_SECRET);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> commands.get("alice", "/workflows/startable")
                .expectStatus().isOk().expectBody().jsonPath("$[?(@.key == 'leave-request')]").exists());
        byte[] created = commands.post("alice", "/tickets", Map.of("workflow", "leave-request", "title", "Leave",
                "fields", Map.of("days", 2))).expectStatus().isCreated().expectBody().returnResult().getResponseBody();
        ticketId = read(created).path("ticketId").asText();
        SignedClient queries = new SignedClient(services.url("ticket-query"), OA, OA_SECRET);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> queries.get("alice", "/tickets/" + ticketId)
                .expectStatus().isOk());
    }

    @AfterAll
    static void stopBaton() {
        if (services != null) {
            services.close();
        }
    }

    /** One request of the suite and why it is bad. */
    record Case(String service, HttpMethod method, String path, String body, String why) {
        @Override
        public String toString() {
            return service + " " + method + " " + path + " (" + why + ")";
        }
    }

    @Test
    void everyOperationRefusesBadInputWithAProblemAndChangesNothing() throws Exception {
        List<Case> cases = new ArrayList<>();
        for (String service : SERVICES) {
            JsonNode api = read(patient(service).get()
                    .uri("/v3/api-docs").exchange().expectStatus().isOk().expectBody().returnResult()
                    .getResponseBody());
            cases.addAll(casesFor(service, api));
        }
        assertThat(cases).as("the descriptions list operations").hasSizeGreaterThan(200);
        System.out.println("Bad-input suite: " + cases.size() + " requests");

        Map<String, String> before = ServiceTables.settled(db);
        List<String> failures = new ArrayList<>();
        for (Case c : cases) {
            String failure = check(c);
            if (failure != null) {
                failures.add(c + ": " + failure);
            }
        }
        assertThat(failures).as("requests not refused with a 4xx problem+json").isEmpty();
        Thread.sleep(2_000);
        Map<String, String> after = ServiceTables.checksums(db);
        assertThat(after).as("every table after " + cases.size() + " bad requests").isEqualTo(before);
    }

    /** The cases of every operation of one service's description. */
    static List<Case> casesFor(String service, JsonNode api) {
        List<Case> cases = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = api.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = paths.next();
            String template = entry.getKey();
            if (template.startsWith("/actuator")) {
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> operations = entry.getValue().fields(); operations.hasNext(); ) {
                Map.Entry<String, JsonNode> op = operations.next();
                HttpMethod method = HttpMethod.valueOf(op.getKey().toUpperCase(java.util.Locale.ROOT));
                JsonNode operation = op.getValue();
                String path = fill(template, null);
                List<String> pathParameters = parameters(operation, "path");
                for (String name : pathParameters) {
                    cases.add(new Case(service, method, fill(template, Map.of(name, "a%00b")), "", "NUL in {" + name + "}"));
                    cases.add(new Case(service, method, fill(template, Map.of(name, "a%0Db")), "", "CR in {" + name + "}"));
                    cases.add(new Case(service, method, fill(template, Map.of(name, "x".repeat(5_000))), "",
                            "overlong {" + name + "}"));
                }
                for (String name : parameters(operation, "query")) {
                    cases.add(new Case(service, method, path + "?" + name + "=%00", "", "NUL in ?" + name));
                    cases.add(new Case(service, method, path + "?" + name + "=%01x", "", "control character in ?" + name));
                    String type = parameterType(operation, name);
                    if (type.equals("integer") || type.equals("number")) {
                        cases.add(new Case(service, method, path + "?" + name + "=abc", "", "wrong type for ?" + name));
                    }
                }
                if (!operation.has("requestBody")) {
                    continue;
                }
                cases.add(new Case(service, method, path, "{\"a\":", "truncated JSON"));
                cases.add(new Case(service, method, path, "{\"a\":1}garbage", "trailing garbage"));
                cases.add(new Case(service, method, path, "{} {}", "two documents"));
                cases.add(new Case(service, method, path, "{\"zz_unknown\":1,\"zz_unknown\":2}", "duplicate key"));
                cases.add(new Case(service, method, path, "{\"zz_unknown_property\":1}", "unknown property"));
                cases.add(new Case(service, method, path, "\"a string\"", "a string for the document"));
                cases.add(new Case(service, method, path, "42", "a number for the document"));
                cases.add(new Case(service, method, path, "null", "null for the document"));
                cases.add(new Case(service, method, path, "{\"zz\":\"" + "x".repeat(2_100_000) + "\"}", "oversize"));
                JsonNode schema = bodySchema(api, operation);
                for (Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields();
                     properties.hasNext(); ) {
                    Map.Entry<String, JsonNode> property = properties.next();
                    String name = property.getKey();
                    JsonNode propertySchema = resolve(api, property.getValue());
                    String type = propertySchema.path("type").asText("");
                    cases.add(new Case(service, method, path, "{\"" + name + "\":\"a\\u0000b\"}",
                            "NUL in '" + name + "'"));
                    switch (type) {
                        case "array" -> {
                            cases.add(new Case(service, method, path, "{\"" + name + "\":[null]}", "null in '" + name + "'"));
                            cases.add(new Case(service, method, path, "{\"" + name + "\":{}}", "object for array '" + name + "'"));
                        }
                        case "object" -> {
                            cases.add(new Case(service, method, path, "{\"" + name + "\":[]}", "array for object '" + name + "'"));
                            cases.add(new Case(service, method, path, "{\"" + name + "\":{\"k\\u0000\":1}}",
                                    "NUL in a key of '" + name + "'"));
                        }
                        case "integer", "number" -> cases.add(new Case(service, method, path,
                                "{\"" + name + "\":\"twelve\"}", "string for number '" + name + "'"));
                        case "boolean" -> cases.add(new Case(service, method, path,
                                "{\"" + name + "\":\"yes\"}", "string for boolean '" + name + "'"));
                        default -> {
                        }
                    }
                }
            }
        }
        return cases;
    }

    /** Sends one case signed by the admin application; null when it was refused as it must be. */
    static String check(Case c) {
        SignedClient client = CLIENTS.computeIfAbsent(c.service(),
                service -> new SignedClient(services.url(service), ADMIN, ADMIN_SECRET));
        EntityExchangeResult<byte[]> result;
        try {
            result = client.send(c.method(), "admin", c.path(), c.body().isEmpty() ? null : c.body())
                    .expectBody().returnResult();
        } catch (RuntimeException e) {
            return "no answer: " + e;
        }
        int status = result.getStatus().value();
        if (status < 400 || status > 499) {
            return "status " + status + " " + abbreviate(result.getResponseBody());
        }
        var type = result.getResponseHeaders().getContentType();
        if (type == null || !type.toString().startsWith("application/problem+json")) {
            return "status " + status + " with content type " + type;
        }
        JsonNode problem = read(result.getResponseBody());
        if (!problem.path("code").isTextual() && !problem.path("title").isTextual()) {
            return "status " + status + " problem without code or title: " + abbreviate(result.getResponseBody());
        }
        return null;
    }

    /** A client that waits as long as a loaded machine may need (the default gives up after 5 s). */
    static WebTestClient patient(String service) {
        return WebTestClient.bindToServer().baseUrl(services.url(service)).responseTimeout(Duration.ofSeconds(60))
                .build();
    }

    static String fill(String template, Map<String, String> overrides) {
        StringBuilder path = new StringBuilder();
        var matcher = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(template);
        int last = 0;
        while (matcher.find()) {
            path.append(template, last, matcher.start());
            String name = matcher.group(1);
            String value = overrides != null && overrides.containsKey(name) ? overrides.get(name) : realValue(template, name);
            path.append(value);
            last = matcher.end();
        }
        return path.append(template.substring(last)).toString();
    }

    /** A value that exists, so that a refusal is about the bad input and not about an unknown id. */
    static String realValue(String template, String name) {
        if (template.startsWith("/tickets/")) {
            return ticketId;
        }
        if (name.equals("key") || template.startsWith("/workflows/")) {
            return "leave-request";
        }
        if (template.startsWith("/directory/users")) {
            return "alice";
        }
        if (template.startsWith("/directory/departments")) {
            return "engineering";
        }
        if (template.startsWith("/directory/roles")) {
            return "director";
        }
        if (template.startsWith("/apps/")) {
            return OA;
        }
        return UUID.randomUUID().toString();
    }

    static List<String> parameters(JsonNode operation, String in) {
        List<String> names = new ArrayList<>();
        for (JsonNode parameter : operation.path("parameters")) {
            if (parameter.path("in").asText().equals(in)) {
                names.add(parameter.path("name").asText());
            }
        }
        return names;
    }

    static String parameterType(JsonNode operation, String name) {
        for (JsonNode parameter : operation.path("parameters")) {
            if (parameter.path("name").asText().equals(name)) {
                return parameter.path("schema").path("type").asText("");
            }
        }
        return "";
    }

    static JsonNode bodySchema(JsonNode api, JsonNode operation) {
        JsonNode content = operation.path("requestBody").path("content");
        JsonNode media = content.has("application/json") ? content.path("application/json")
                : content.elements().hasNext() ? content.elements().next() : JSON.createObjectNode();
        return resolve(api, media.path("schema"));
    }

    static JsonNode resolve(JsonNode api, JsonNode schema) {
        String ref = schema.path("$ref").asText("");
        if (ref.startsWith("#/components/schemas/")) {
            return api.path("components").path("schemas").path(ref.substring("#/components/schemas/".length()));
        }
        return schema;
    }

    static JsonNode read(byte[] body) {
        try {
            return JSON.readTree(body == null ? new byte[0] : body);
        } catch (Exception e) {
            return JSON.createObjectNode();
        }
    }

    static String abbreviate(byte[] body) {
        String text = body == null ? "" : new String(body, java.nio.charset.StandardCharsets.UTF_8);
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
