package dev.baton.command.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.baton.api.Topics;
import dev.baton.api.app.CallerApp;
import dev.baton.api.workflow.Distribution;
import dev.baton.api.workflow.Fallback;
import dev.baton.api.workflow.ParticipantKind;
import dev.baton.api.workflow.ParticipantRule;
import dev.baton.api.workflow.PublishedWorkflow;
import dev.baton.api.workflow.StateDef;
import dev.baton.api.workflow.StateType;
import dev.baton.api.workflow.TransitionDef;
import dev.baton.api.workflow.TransitionKind;
import dev.baton.api.workflow.WorkflowDefinition;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * External participant resolvers against a real HTTP endpoint, PostgreSQL and Kafka: the ticket waits with nobody
 * assigned while ticket-command's resolver process asks; an answer assigns whom it names; an endpoint that fails in a
 * way that may pass (5xx) is asked again; an error status that stays or a time-out gives the ticket to the state's
 * fallback.
 */
class ExternalResolverApiTest extends CommandServiceTest {
    static HttpServer endpoint;
    static final List<String> asked = new CopyOnWriteArrayList<>();
    /** Tickets the flaky endpoint has failed once already. */
    static final java.util.Set<String> failedOnce = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @BeforeAll
    static void startEndpointAndPublish() throws Exception {
        endpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        endpoint.createContext("/owners", exchange -> {
            asked.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            answer(exchange, 200, "{\"users\": [\"sam\", \"ghost\"]}");
        });
        endpoint.createContext("/broken", exchange -> answer(exchange, 500, "{\"error\": \"down\"}"));
        endpoint.createContext("/flaky", exchange -> {
            String ticketId = JSON.readTree(exchange.getRequestBody().readAllBytes()).path("ticketId").asText();
            if (failedOnce.add(ticketId)) {
                answer(exchange, 503, "{\"error\": \"restarting\"}");
            } else {
                answer(exchange, 200, "{\"users\": [\"sam\"]}");
            }
        });
        endpoint.createContext("/slow", exchange -> {
            try {
                Thread.sleep(3_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answer(exchange, 200, "{\"users\": [\"sam\"]}");
        });
        endpoint.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        endpoint.start();
        String base = "http://127.0.0.1:" + endpoint.getAddress().getPort();
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(new ProducerRecord<>(Topics.CONFIG_APPS, APP, JSON.writeValueAsString(new CallerApp(APP, "OA",
                    SECRET, false, List.of("leave-request", "owners", "broken", "slow", "flaky"), true)))).get();
            for (String key : List.of("owners", "broken", "slow", "flaky")) {
                producer.send(new ProducerRecord<>(Topics.CONFIG_WORKFLOWS, key + "@1", JSON.writeValueAsString(
                        new PublishedWorkflow(key, 1, Instant.now(), "admin", access(key, base + "/" + key))))).get();
            }
        }
    }

    @AfterAll
    static void stopEndpoint() {
        endpoint.stop(0);
    }

    static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    /** draft → owner (asked of {@code url} within 1 s; fallback dora) → done. */
    static WorkflowDefinition access(String key, String url) {
        return new WorkflowDefinition(key, key, null, false, List.of("admin"), List.of(), List.of(
                new StateDef("draft", "Draft", StateType.START, 1, false, Map.of(),
                        ParticipantRule.of(ParticipantKind.CREATOR), null),
                new StateDef("owner", "Owner", StateType.NORMAL, 2, false, Map.of(), ParticipantRule.external(url, 1),
                        Distribution.ANY_ONE, null, false, new Fallback(Fallback.Kind.USER, "dora")),
                new StateDef("done", "Done", StateType.END, 3, false, Map.of(), null, null)),
                List.of(new TransitionDef("submit", "Submit", "draft", "owner", TransitionKind.AGREE, true, List.of()),
                        new TransitionDef("grant", "Grant", "owner", "done", TransitionKind.AGREE, true, List.of())));
    }

    String submit(String workflow) {
        String[] id = new String[1];
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode created = body(client().post("alice", "/tickets", Map.of("workflow", workflow, "title", "Access",
                    "transition", "submit")).expectStatus().isCreated().expectBody().returnResult().getResponseBody());
            assertThat(created.get("participants")).as("nobody while resolving").isEmpty();
            id[0] = created.get("ticketId").asText();
        });
        return id[0];
    }

    JsonNode resolved(String ticketId) {
        JsonNode[] now = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            now[0] = body(client().get("alice", "/tickets/" + ticketId + "/as-of").expectStatus().isOk()
                    .expectBody().returnResult().getResponseBody());
            assertThat(now[0].at("/ticket/assignment/users")).isNotEmpty();
        });
        return now[0];
    }

    @Test
    void theEndpointsAnswerAssignsTheActiveUsersItNames() throws Exception {
        String ticketId = submit("owners");
        JsonNode now = resolved(ticketId);
        assertThat(now.at("/ticket/assignment/users")).extracting(JsonNode::asText).containsExactly("sam");
        assertThat(asked).anySatisfy(body -> assertThat(JSON.readTree(body).get("ticketId").asText())
                .isEqualTo(ticketId));
        JsonNode request = JSON.readTree(asked.stream().filter(b -> b.contains(ticketId)).findFirst().orElseThrow());
        assertThat(request.get("creator").asText()).isEqualTo("alice");
        assertThat(request.get("state").asText()).isEqualTo("owner");
        client().post("sam", "/tickets/" + ticketId + "/handle", Map.of("transition", "grant")).expectStatus().isOk();
    }

    @Test
    void anErrorStatusGivesTheTicketToTheFallback() {
        JsonNode now = resolved(submit("broken"));
        assertThat(now.at("/ticket/assignment/users")).extracting(JsonNode::asText).containsExactly("dora");
    }

    @Test
    void anEndpointThatFailsOnceIsAskedAgainAfterABackOffAndItsAnswerAssigns() {
        String ticketId = submit("flaky");
        JsonNode now = resolved(ticketId);
        assertThat(now.at("/ticket/assignment/users")).extracting(JsonNode::asText).containsExactly("sam");
        assertThat(failedOnce).contains(ticketId);
    }

    @Test
    void anEndpointTooSlowForItsTimeOutGivesTheTicketToTheFallback() {
        JsonNode now = resolved(submit("slow"));
        assertThat(now.at("/ticket/assignment/users")).extracting(JsonNode::asText).containsExactly("dora");
    }
}
