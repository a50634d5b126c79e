package dev.baton.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.engine.BatonJson;
import dev.baton.testing.TestDatabases;
import dev.baton.testing.TestKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The four services' OpenAPI descriptions, read as a client generator reads them: every request body and every
 * success answer is a named schema (or an array or map of one), every signed operation says how it is refused (400,
 * 401 and 403 at least, as {@code application/problem+json} of the shared {@code Problem} schema), every operation
 * has a tag and a summary, and the main request bodies carry an example. The documents are also written to
 * {@code target/api-docs/} for a generator to read, and the ones the SDKs are generated from
 * ({@code clients/openapi/<service>.json}) must be what the services serve: regenerate them with {@value #REGENERATE}.
 */
class ApiDescriptionsTest {
    static final ObjectMapper JSON = BatonJson.mapper();
    static final List<String> SERVICES = List.of("workflow-config", "ticket-command", "ticket-query",
            "notification-worker");
    static final String PROBLEM = "#/components/schemas/Problem";
    static final String REGENERATE = "mvn -pl standalone test -Dtest=ApiDescriptionsTest -Dbaton.openapi.write=true";
    static final Path CHECKED_IN = Path.of("..", "clients", "openapi");
    static final ObjectMapper CANONICAL = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    static final Map<String, JsonNode> DOCUMENTS = new LinkedHashMap<>();
    static TestDatabases.Database db;
    static BatonServices services;

    @BeforeAll
    static void startBaton() throws IOException {
        db = TestDatabases.create("api_descriptions");
        services = BatonServices.start(new BatonServices.Infrastructure(db.jdbcUrl(), db.username(), db.password(),
                TestKafka.bootstrapServers()), BatonServices.Ports.random(), Map.of(
                "workflow-config:baton.bootstrap.admin-app", "admin-console",
                "workflow-config:baton.bootstrap.admin-secret", "api-descriptions-secret"));
        Path out = Files.createDirectories(Path.of("target", "api-docs"));
        for (String service : SERVICES) {
            byte[] body = WebTestClient.bindToServer().baseUrl(services.url(service))
                    .responseTimeout(Duration.ofSeconds(60)).build().get().uri("/v3/api-docs").exchange()
                    .expectStatus().isOk().expectBody().returnResult().getResponseBody();
            Files.write(out.resolve(service + ".json"), body);
            DOCUMENTS.put(service, JSON.readTree(body));
        }
    }

    @AfterAll
    static void stopBaton() {
        if (services != null) {
            services.close();
        }
    }

    /** A document as checked in: without what differs from one run to the next (its address), keys sorted. */
    static String canonical(JsonNode document) throws IOException {
        ObjectNode copy = document.deepCopy();
        copy.remove("servers");
        return CANONICAL.writeValueAsString(CANONICAL.treeToValue(copy, Object.class)) + "\n";
    }

    @Test
    void theDocumentsTheSdksAreGeneratedFromAreWhatTheServicesServe() throws IOException {
        boolean write = Boolean.getBoolean("baton.openapi.write");
        List<String> stale = new ArrayList<>();
        for (String service : SERVICES) {
            String served = canonical(DOCUMENTS.get(service));
            Path file = CHECKED_IN.resolve(service + ".json");
            if (write) {
                Files.createDirectories(CHECKED_IN);
                Files.writeString(file, served);
            } else if (!Files.exists(file) || !Files.readString(file).equals(served)) {
                stale.add(service);
            }
        }
        assertThat(stale).as("OpenAPI documents in clients/openapi that differ from what the services serve; "
                + "regenerate them with: " + REGENERATE).isEmpty();
    }

    @Test
    void noRequestBodyOrSuccessAnswerIsAnUntypedObject() {
        List<String> untyped = new ArrayList<>();
        forEachOperation((where, operation) -> {
            operation.path("requestBody").path("content").fields().forEachRemaining(media -> {
                if (untyped(media.getValue().path("schema"))) {
                    untyped.add(where + " request body (" + media.getKey() + ")");
                }
            });
            operation.path("responses").fields().forEachRemaining(response -> {
                if (response.getKey().startsWith("2")) {
                    response.getValue().path("content").fields().forEachRemaining(media -> {
                        if (untyped(media.getValue().path("schema"))) {
                            untyped.add(where + " " + response.getKey() + " (" + media.getKey() + ")");
                        }
                    });
                }
            });
        });
        assertThat(untyped).as("schemas a generator can only type as 'object'").isEmpty();
    }

    @Test
    void everySignedOperationListsItsRefusalsAsProblems() {
        List<String> missing = new ArrayList<>();
        int signed = 0;
        for (Map.Entry<String, JsonNode> document : DOCUMENTS.entrySet()) {
            JsonNode api = document.getValue();
            assertThat(api.at("/components/schemas/Problem/properties").fieldNames())
                    .toIterable().contains("type", "title", "status", "detail", "instance", "code", "errors");
            assertThat(api.at("/components/schemas/Problem/properties/code/enum").toString())
                    .contains("ticket-not-found", "unauthenticated", "wrong-state");
        }
        for (Map.Entry<String, JsonNode> entry : operations().entrySet()) {
            JsonNode operation = entry.getValue();
            boolean isSigned = !operation.has("security") || !operation.path("security").isEmpty();
            if (!isSigned) {
                continue;
            }
            signed++;
            for (String status : List.of("400", "401", "403")) {
                JsonNode response = operation.path("responses").path(status);
                String ref = response.at("/content/application~1problem+json/schema/$ref").asText();
                if (!ref.equals(PROBLEM) || response.path("description").asText().isBlank()) {
                    missing.add(entry.getKey() + " " + status);
                }
            }
        }
        assertThat(signed).as("signed operations").isGreaterThan(60);
        assertThat(missing).as("signed operations without a problem+json answer").isEmpty();
    }

    @Test
    void refusalsNameTheCodesTheOperationCanAnswerWith() {
        JsonNode handle = DOCUMENTS.get("ticket-command").at("/paths/~1tickets~1{id}~1handle/post/responses");
        assertThat(handle.at("/404/description").asText()).contains("ticket-not-found");
        assertThat(handle.at("/409/description").asText()).contains("wrong-state", "concurrent-modification");
        assertThat(handle.at("/422/description").asText()).contains("transition-not-available");
        assertThat(handle.at("/401/description").asText()).contains("unauthenticated", "replayed-request");
        JsonNode callback = DOCUMENTS.get("notification-worker").at("/paths/~1hook-callbacks~1{hookId}/post");
        assertThat(callback.path("security").isArray() && callback.path("security").isEmpty())
                .as("a hook callback is signed with the hook's secret, not by a caller application").isTrue();
    }

    @Test
    void successAnswersCarryTheStatusTheServiceReallyAnswersWith() {
        JsonNode command = DOCUMENTS.get("ticket-command");
        assertThat(command.at("/paths/~1tickets/post/responses/201/content/application~1json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/CommandResult");
        assertThat(command.at("/paths/~1tickets/post/responses/200").isMissingNode()).isTrue();
        assertThat(command.at("/paths/~1tickets~1{id}~1handle/post/responses/200/content/application~1json/schema/$ref")
                .asText()).isEqualTo("#/components/schemas/CommandResult");
        JsonNode config = DOCUMENTS.get("workflow-config");
        assertThat(config.at("/paths/~1apps~1{appId}/put/responses").fieldNames()).toIterable().contains("200", "201");
        assertThat(config.at("/paths/~1workflows~1{key}~1draft/delete/responses").fieldNames()).toIterable()
                .contains("204").doesNotContain("200");
        assertThat(DOCUMENTS.get("notification-worker").at("/paths/~1hooks~1{hookId}~1retry/post/responses")
                .fieldNames()).toIterable().contains("202").doesNotContain("200");
    }

    @Test
    void everyOperationHasATagAndASummary() {
        List<String> bare = new ArrayList<>();
        operations().forEach((where, operation) -> {
            if (operation.path("tags").isEmpty() || operation.path("summary").asText().isBlank()) {
                bare.add(where);
            }
        });
        assertThat(bare).as("operations without a tag or a summary").isEmpty();
        assertThat(DOCUMENTS.get("ticket-command").at("/paths/~1tickets/post/tags/0").asText())
                .isEqualTo("Tickets: create");
        assertThat(DOCUMENTS.get("ticket-command").at("/paths/~1tickets~1{id}~1handle/post/tags/0").asText())
                .isEqualTo("Tickets: act");
    }

    @Test
    void theMainRequestBodiesCarryAnExample() {
        JsonNode command = DOCUMENTS.get("ticket-command");
        JsonNode create = example(command, "/paths/~1tickets/post");
        assertThat(create.path("workflow").asText()).isEqualTo("leave-request");
        assertThat(create.path("fields").isObject()).isTrue();
        JsonNode handle = example(command, "/paths/~1tickets~1{id}~1handle/post");
        assertThat(handle.path("transition").asText()).isNotBlank();
    }

    private static JsonNode example(JsonNode api, String operation) {
        JsonNode media = api.at(operation + "/requestBody/content/application~1json");
        if (media.has("example")) {
            return media.path("example");
        }
        if (media.path("examples").size() > 0) {
            return media.path("examples").elements().next().path("value");
        }
        String ref = media.at("/schema/$ref").asText();
        return api.at(ref.substring(1) + "/example");
    }

    /** A schema a generator can only type as a bare object: no reference, no properties, nothing it holds. */
    private static boolean untyped(JsonNode schema) {
        if (schema.isMissingNode() || schema.has("$ref")) {
            return false;
        }
        for (String composed : List.of("oneOf", "anyOf", "allOf")) {
            if (schema.has(composed)) {
                for (JsonNode part : schema.path(composed)) {
                    if (untyped(part)) {
                        return true;
                    }
                }
                return false;
            }
        }
        String type = schema.path("type").asText();
        if (type.equals("array")) {
            return untyped(schema.path("items"));
        }
        if (!type.equals("object") && !type.isEmpty()) {
            return false;
        }
        if (schema.path("properties").size() > 0) {
            return false;
        }
        JsonNode values = schema.path("additionalProperties");
        return !values.isObject() || untyped(values) || values.isEmpty();
    }

    /** Every operation of every document, by "service METHOD path", actuator endpoints left out. */
    private static Map<String, JsonNode> operations() {
        Map<String, JsonNode> operations = new LinkedHashMap<>();
        forEachOperation(operations::put);
        return operations;
    }

    private static void forEachOperation(java.util.function.BiConsumer<String, JsonNode> each) {
        DOCUMENTS.forEach((service, api) -> {
            for (Iterator<Map.Entry<String, JsonNode>> paths = api.path("paths").fields(); paths.hasNext(); ) {
                Map.Entry<String, JsonNode> path = paths.next();
                if (path.getKey().startsWith("/actuator")) {
                    continue;
                }
                path.getValue().fields().forEachRemaining(op ->
                        each.accept(service + " " + op.getKey().toUpperCase() + " " + path.getKey(), op.getValue()));
            }
        });
    }
}
