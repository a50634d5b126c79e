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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A caller application sees and acts only within its grants, on every endpoint of every service. An app granted
 * only {@code expenses}, acting for the very users who take part in a leave request (its creator and the leader who
 * holds it), gets for that ticket, on every ticket-scoped operation of ticket-command, ticket-query and
 * notification-worker (read them from their OpenAPI descriptions, so a new endpoint is covered), exactly the answer
 * it gets for a ticket that does not exist, with or without waiting for a version; finds it in none of its lists;
 * may not create, dry-run or delegate on the workflow, nor see or cancel a delegation for it; and changes nothing.
 */
class IsolationSuiteTest {
    static final ObjectMapper JSON = BatonJson.mapper();
    static final String ADMIN = "admin-console";
    static final String ADMIN_SECRET = "isolation-admin-secret";
    static final String OA = "demo-oa";
    static final String OA_SECRET = "isolation-oa-secret";
    static final String EXPENSES = "expenses-desk";
    static final String EXPENSES_SECRET = "isolation-expenses-secret";
    static final List<String> TICKET_SERVICES = List.of("ticket-command", "ticket-query", "notification-worker");
    static final List<String> PEOPLE = List.of("alice", "lena");

    static TestDatabases.Database db;
    static BatonServices services;
    static String ticketId;
    static String delegationId;

    @BeforeAll
    static void startBaton() {
        db = TestDatabases.create("isolation");
        services = BatonServices.start(new BatonServices.Infrastructure(db.jdbcUrl(), db.username(), db.password(),
                TestKafka.bootstrapServers()), BatonServices.Ports.random(), Map.ofEntries(
                Map.entry("workflow-config:baton.bootstrap.admin-app", ADMIN),
                Map.entry("workflow-config:baton.bootstrap.admin-secret", ADMIN_SECRET),
                Map.entry("workflow-config:baton.bootstrap.apps[0].app-id", OA),
                Map.entry("workflow-config:baton.bootstrap.apps[0].secret", OA_SECRET),
                Map.entry("workflow-config:baton.bootstrap.apps[0].workflows[0]", "leave-request"),
                Map.entry("workflow-config:baton.bootstrap.apps[1].app-id", EXPENSES),
                Map.entry("workflow-config:baton.bootstrap.apps[1].secret", EXPENSES_SECRET),
                Map.entry("workflow-config:baton.bootstrap.apps[1].workflows[0]", "expenses"),
                Map.entry("workflow-config:baton.demo.enabled", "true")));
        SignedClient oaCommands = new SignedClient(services.url("ticket-command"), OA, OA_SECRET);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> oaCommands.get("alice", "/workflows/startable")
                .expectStatus().isOk().expectBody().jsonPath("$[?(@.key == 'leave-request')]").exists());
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> client("ticket-command", EXPENSES)
                .get("alice", "/workflows/startable").expectStatus().isOk());
        byte[] created = oaCommands.post("alice", "/tickets", Map.of("workflow", "leave-request", "title",
                        "Leave in May", "fields", Map.of("days", 2), "transition", "submit"))
                .expectStatus().isCreated().expectBody().returnResult().getResponseBody();
        ticketId = read(created).path("ticketId").asText();
        byte[] delegation = client("workflow-config", OA).post("alice", "/delegations", Map.of("delegate", "bob",
                        "until", Instant.now().plus(Duration.ofDays(3)).toString(), "workflows", List.of("leave-request")))
                .expectStatus().isCreated().expectBody().returnResult().getResponseBody();
        delegationId = read(delegation).path("id").asText();
        SignedClient oaQueries = client("ticket-query", OA);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> oaQueries.get("lena", "/tickets/todo")
                .expectStatus().isOk().expectBody().jsonPath("$.items[0].ticketId").isEqualTo(ticketId));
        SignedClient oaWorker = client("notification-worker", OA);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> oaWorker.get("alice",
                "/tickets/" + ticketId + "/deliveries").expectStatus().isOk());
    }

    @AfterAll
    static void stopBaton() {
        if (services != null) {
            services.close();
        }
    }

    @Test
    void anAppOutsideTheGrantsIsToldNothingOnAnyEndpointAndChangesNothing() throws Exception {
        Map<String, String> before = ServiceTables.settled(db);
        List<String> leaks = new ArrayList<>();
        int compared = 0;
        for (String service : TICKET_SERVICES) {
            JsonNode api = read(WebTestClient.bindToServer().baseUrl(services.url(service))
                    .responseTimeout(Duration.ofSeconds(60)).build().get().uri("/v3/api-docs").exchange()
                    .expectStatus().isOk().expectBody().returnResult().getResponseBody());
            for (Iterator<Map.Entry<String, JsonNode>> paths = api.path("paths").fields(); paths.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = paths.next();
                String template = entry.getKey();
                if (!template.matches("/tickets/\\{[^}]+}.*")) {
                    continue;
                }
                for (Iterator<String> methods = entry.getValue().fieldNames(); methods.hasNext(); ) {
                    HttpMethod method = HttpMethod.valueOf(methods.next().toUpperCase(java.util.Locale.ROOT));
                    for (String query : queries(service, method, template)) {
                        for (String user : PEOPLE) {
                            String leak = compare(service, method, template, query, user);
                            compared++;
                            if (leak != null) {
                                leaks.add(leak);
                            }
                        }
                    }
                }
            }
        }
        assertThat(compared).as("ticket-scoped operations compared").isGreaterThan(40);
        System.out.println("Isolation suite: " + compared + " ticket-scoped requests compared with an unknown ticket's");
        assertThat(leaks).as("answers that tell the ticket apart from an unknown one").isEmpty();

        SignedClient commands = client("ticket-command", EXPENSES);
        problem(commands.post("alice", "/tickets", Map.of("workflow", "leave-request", "title", "Sneaky",
                "fields", Map.of("days", 1))), 403, "workflow-not-granted");
        problem(commands.post("alice", "/workflows/leave-request/dry-run", Map.of("fields", Map.of("days", 1))),
                403, "workflow-not-granted");
        assertThat(body(commands.get("alice", "/workflows/startable"))).doesNotContain("leave-request");
        assertThat(body(client("workflow-config", EXPENSES).get("alice", "/workflows"))).doesNotContain("leave-request");

        SignedClient queries = client("ticket-query", EXPENSES);
        for (String list : List.of("todo", "related", "cc", "worked", "created", "all")) {
            for (String user : PEOPLE) {
                assertThat(body(queries.get(user, "/tickets/" + list))).as(list + " of " + user)
                        .doesNotContain(ticketId);
            }
        }
        assertThat(body(queries.get("alice", "/tickets/states?ids=" + ticketId))).doesNotContain(ticketId);

        SignedClient config = client("workflow-config", EXPENSES);
        problem(config.post("alice", "/delegations", Map.of("delegate", "bob", "until",
                Instant.now().plus(Duration.ofDays(1)).toString(), "workflows", List.of("leave-request"))),
                403, "workflow-not-granted");
        assertThat(body(config.get("alice", "/delegations"))).doesNotContain(delegationId);
        EntityExchangeResult<byte[]> hidden = config.delete("alice", "/delegations/" + delegationId)
                .expectBody().returnResult();
        String unknownId = UUID.randomUUID().toString();
        EntityExchangeResult<byte[]> unknown = config.delete("alice", "/delegations/" + unknownId)
                .expectBody().returnResult();
        assertThat(hidden.getStatus().value()).isEqualTo(404).isEqualTo(unknown.getStatus().value());
        assertThat(normalised(hidden.getResponseBody(), delegationId))
                .isEqualTo(normalised(unknown.getResponseBody(), unknownId));

        Thread.sleep(2_000);
        assertThat(ServiceTables.checksums(db)).as("every table after the other app's requests").isEqualTo(before);
    }

    /** The query strings each operation is tried with: none, and for reads a wait for a version. */
    static List<String> queries(String service, HttpMethod method, String template) {
        if (template.endsWith("/as-of")) {
            return List.of("?sequence=0", "?sequence=1");
        }
        if (service.equals("ticket-query") && method == HttpMethod.GET) {
            return List.of("", "?minVersion=0&waitMillis=300", "?minVersion=1&waitMillis=300",
                    "?minVersion=99&waitMillis=300");
        }
        return List.of("");
    }

    /** Null when the ticket's answer equals an unknown ticket's, else what differs. */
    static String compare(String service, HttpMethod method, String template, String query, String user) {
        SignedClient client = client(service, EXPENSES);
        String unknownId = UUID.randomUUID().toString();
        Object body = method == HttpMethod.GET ? null : bodyFor(template);
        EntityExchangeResult<byte[]> real = client.send(method, user, template.replaceAll("\\{[^}]+}", ticketId)
                + query, body).expectBody().returnResult();
        EntityExchangeResult<byte[]> none = client.send(method, user, template.replaceAll("\\{[^}]+}", unknownId)
                + query, body).expectBody().returnResult();
        String name = service + " " + method + " " + template + query + " as " + user;
        int status = real.getStatus().value();
        if (status >= 200 && status < 300) {
            return name + ": answered " + status;
        }
        if (status != none.getStatus().value()) {
            return name + ": " + status + " for the ticket, " + none.getStatus().value() + " for an unknown one";
        }
        String a = normalised(real.getResponseBody(), ticketId);
        String b = normalised(none.getResponseBody(), unknownId);
        return a.equals(b) ? null : name + ": " + a + " differs from " + b;
    }

    /** A plausible body for each action, so that the answer is about the ticket and not about the body. */
    static Map<String, Object> bodyFor(String template) {
        String action = template.substring(template.lastIndexOf('/') + 1);
        return switch (action) {
            case "handle" -> Map.of("transition", "approve");
            case "transfer" -> Map.of("to", "bob");
            case "add-sign" -> Map.of("users", List.of("bob"));
            case "send-back" -> Map.of("toState", "draft");
            case "fields" -> Map.of("fields", Map.of("days", 5));
            case "cc", "reassign" -> Map.of("to", List.of("bob"));
            case "close" -> Map.of("reason", "closed by another app");
            case "comments" -> Map.of("comment", "seen from another app");
            case "jump" -> Map.of("toState", "draft");
            case "migrate" -> Map.of("toVersion", 1, "stateMapping", Map.of());
            default -> Map.of();
        };
    }

    static String normalised(byte[] body, String id) {
        return body == null ? "" : new String(body, java.nio.charset.StandardCharsets.UTF_8).replace(id, "<id>");
    }

    static SignedClient client(String service, String app) {
        String secret = switch (app) {
            case OA -> OA_SECRET;
            case EXPENSES -> EXPENSES_SECRET;
            default -> ADMIN_SECRET;
        };
        return new SignedClient(services.url(service), app, secret);
    }

    static void problem(WebTestClient.ResponseSpec response, int status, String code) {
        byte[] body = response.expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith("application/problem+json")
                .expectBody().returnResult().getResponseBody();
        assertThat(read(body).path("code").asText()).isEqualTo(code);
    }

    /** What a read answered: a list, or a refusal (a list only admin applications may read); never the ticket. */
    static String body(WebTestClient.ResponseSpec response) {
        EntityExchangeResult<byte[]> result = response.expectBody().returnResult();
        assertThat(result.getStatus().value()).as("a list or a refusal").isIn(200, 403);
        byte[] body = result.getResponseBody();
        return body == null ? "" : new String(body, java.nio.charset.StandardCharsets.UTF_8);
    }

    static JsonNode read(byte[] body) {
        try {
            return JSON.readTree(body == null ? new byte[0] : body);
        } catch (Exception e) {
            return JSON.createObjectNode();
        }
    }
}
