package dev.baton.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.baton.api.trace.TraceParent;
import dev.baton.api.workflow.FieldAccess;
import dev.baton.api.workflow.FieldDef;
import dev.baton.api.workflow.FieldType;
import dev.baton.api.workflow.HookDef;
import dev.baton.api.workflow.ParticipantKind;
import dev.baton.api.workflow.ParticipantRule;
import dev.baton.api.workflow.StateDef;
import dev.baton.api.workflow.StateType;
import dev.baton.api.workflow.TransitionDef;
import dev.baton.api.workflow.TransitionKind;
import dev.baton.api.workflow.WorkflowDefinition;
import dev.baton.api.workflow.Distribution;
import dev.baton.engine.BatonJson;
import dev.baton.notification.hook.HookSigning;
import dev.baton.testing.SignedClient;
import dev.baton.testing.TestDatabases;
import dev.baton.testing.TestKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * W3C trace context end to end through all services: a {@code traceparent} sent with the command that creates a
 * ticket reaches the hook its state calls (through the stored event, the Kafka record and the worker's row); the
 * hook's answer goes back on the command topic with the trace, and the notification its outcome causes reaches the
 * webhook with it too. Every hop is a child span of the same trace. A request without one carries nothing on.
 */
class TraceContextEndToEndTest {
    static final ObjectMapper JSON = BatonJson.mapper();
    static final String ADMIN = "admin-console";
    static final String ADMIN_SECRET = "e2e-admin-secret";
    static final String OA = "demo-oa";
    static final String OA_SECRET = "e2e-oa-secret";
    static final String IAM_SECRET = "e2e-iam-secret";

    static HttpServer iam;
    /** The {@code traceparent} each hook call carried, by ticket id ("none" when it carried none). */
    static final Map<String, String> hookTraces = new ConcurrentHashMap<>();
    static WebhookSink webhook;
    static BatonServices services;
    static SignedClient commands;

    @BeforeAll
    static void startBaton() throws IOException {
        iam = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        iam.createContext("/check", exchange -> {
            try (exchange) {
                JsonNode call = JSON.readTree(exchange.getRequestBody().readAllBytes());
                String trace = exchange.getRequestHeaders().getFirst(TraceParent.HEADER);
                hookTraces.put(call.path("ticketId").asText(), trace == null ? "none" : trace);
                byte[] answer = "{\"result\": true, \"msg\": \"known\"}".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, answer.length);
                exchange.getResponseBody().write(answer);
            }
        });
        iam.start();
        webhook = new WebhookSink();
        TestDatabases.Database db = TestDatabases.create("e2e_trace");
        services = BatonServices.start(new BatonServices.Infrastructure(db.jdbcUrl(), db.username(), db.password(),
                TestKafka.bootstrapServers()), BatonServices.Ports.random(), Map.of(
                "workflow-config:baton.bootstrap.admin-app", ADMIN,
                "workflow-config:baton.bootstrap.admin-secret", ADMIN_SECRET,
                "workflow-config:baton.bootstrap.apps[0].app-id", OA,
                "workflow-config:baton.bootstrap.apps[0].secret", OA_SECRET,
                "workflow-config:baton.bootstrap.apps[0].workflows[0]", "checked",
                "workflow-config:baton.demo.enabled", "true",
                "notification-worker:baton.notification.webhook-url", webhook.url(),
                "notification-worker:baton.hooks.allow-hosts", "127.0.0.1",
                "notification-worker:baton.hooks.secrets.iam", IAM_SECRET,
                "notification-worker:baton.hooks.poll-interval", "50ms"));
        commands = new SignedClient(services.url("ticket-command"), OA, OA_SECRET);
        new SignedClient(services.url("workflow-config"), ADMIN, ADMIN_SECRET)
                .post("admin", "/workflows/import?publish=true", checked()).expectStatus().is2xxSuccessful();
    }

    @AfterAll
    static void stopBaton() {
        if (services != null) {
            services.close();
        }
        if (webhook != null) {
            webhook.close();
        }
        if (iam != null) {
            iam.stop(0);
        }
    }

    /** draft → check (the identity system, by a signed sync hook) → approval (lena) → done. */
    static WorkflowDefinition checked() {
        HookDef hook = new HookDef("http://127.0.0.1:" + iam.getAddress().getPort() + "/check", HookDef.Mode.SYNC,
                "iam", Map.of(), 5, 1, "passed", "failed");
        return new WorkflowDefinition("checked", "Checked request", null, false, List.of(),
                List.of(new FieldDef("system", "System", FieldType.TEXT, List.of())), List.of(
                new StateDef("draft", "Draft", StateType.START, 1, false, Map.of("system", FieldAccess.REQUIRED),
                        ParticipantRule.of(ParticipantKind.CREATOR), null),
                new StateDef("check", "Check", StateType.NORMAL, 2, false, Map.of(), null, null, null, false, null,
                        null, null, hook),
                new StateDef("approval", "Approval", StateType.NORMAL, 3, false, Map.of(),
                        ParticipantRule.of(ParticipantKind.USER, "lena"), Distribution.ANY_ONE),
                new StateDef("done", "Done", StateType.END, 4, false, Map.of(), null, null),
                new StateDef("refused", "Refused", StateType.END, 5, false, Map.of(), null, null)),
                List.of(new TransitionDef("submit", "submit", "draft", "check", TransitionKind.AGREE, true, List.of()),
                        new TransitionDef("passed", "passed", "check", "approval", TransitionKind.AGREE, false,
                                List.of()),
                        new TransitionDef("failed", "failed", "check", "refused", TransitionKind.REJECT, false,
                                List.of()),
                        new TransitionDef("grant", "grant", "approval", "done", TransitionKind.AGREE, true,
                                List.of())));
    }

    /** Creates and submits a ticket, with {@code traceparent} as its header (null: none); its id. */
    static String submit(String traceparent) {
        byte[] body = SignedClient.bytes(Map.of("workflow", "checked", "title", "access", "fields",
                Map.of("system", "billing"), "transition", "submit"));
        var request = commands.prepare(HttpMethod.POST, "alice", "/tickets", body, UUID.randomUUID().toString(),
                Instant.now());
        if (traceparent != null) {
            request = request.header(TraceParent.HEADER, traceparent);
        }
        JsonNode created;
        try {
            created = JSON.readTree(request.exchange().expectStatus().isCreated().expectBody().returnResult()
                    .getResponseBody());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return created.get("ticketId").asText();
    }

    @Test
    void aTraceSentWithACommandReachesTheHookTheAnswerAndTheWebhook() {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String sent = "00-" + traceId + "-00f067aa0ba902b7-01";
        String ticketId = submit(sent);

        await().atMost(Duration.ofSeconds(30)).until(() -> hookTraces.containsKey(ticketId));
        TraceParent atHook = TraceParent.parse(hookTraces.get(ticketId)).orElseThrow();
        assertThat(atHook.traceId()).isEqualTo(traceId);
        assertThat(atHook.parentId()).as("each hop is a span of its own").isNotEqualTo("00f067aa0ba902b7");
        assertThat(atHook.sampled()).isTrue();

        // lena is told once the hook's answer, sent back on the command topic, moved the ticket on
        await().atMost(Duration.ofSeconds(30)).until(() -> webhook.recipients(ticketId).contains("lena"));
        List<String> atWebhook = webhook.traceparentsAbout(ticketId);
        assertThat(atWebhook).isNotEmpty().allSatisfy(header -> {
            TraceParent trace = TraceParent.parse(header).orElseThrow(() -> new AssertionError(
                    "Expected a traceparent on every notification about " + ticketId + ", but got " + header));
            assertThat(trace.traceId()).isEqualTo(traceId);
            assertThat(trace.parentId()).isNotEqualTo(atHook.parentId());
        });
    }

    @Test
    void aRequestWithoutATraceCarriesNoneOnAndAnInvalidOneIsIgnored() {
        String untraced = submit(null);
        String invalid = submit("00-" + "0".repeat(32) + "-00f067aa0ba902b7-01");
        await().atMost(Duration.ofSeconds(30)).until(() -> hookTraces.containsKey(untraced)
                && hookTraces.containsKey(invalid));
        assertThat(hookTraces.get(untraced)).isEqualTo("none");
        assertThat(hookTraces.get(invalid)).isEqualTo("none");
        await().atMost(Duration.ofSeconds(30)).until(() -> webhook.recipients(untraced).contains("lena"));
        assertThat(webhook.traceparentsAbout(untraced)).containsOnly("null");
    }
}
