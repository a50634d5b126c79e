package dev.baton.notification;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.baton.api.Topics;
import dev.baton.api.app.CallerApp;
import dev.baton.api.ticket.command.CommandTopic;
import dev.baton.api.ticket.event.HookRequested;
import dev.baton.api.ticket.Assignment;
import dev.baton.api.ticket.event.TicketCreated;
import dev.baton.api.workflow.Distribution;
import dev.baton.api.workflow.EventHook;
import dev.baton.api.workflow.HookDef;
import dev.baton.api.workflow.PublishedWorkflow;
import dev.baton.engine.Demo;
import dev.baton.testing.Definitions;
import dev.baton.notification.hook.HookAnswers;
import dev.baton.notification.hook.HookSigning;
import dev.baton.testing.SignedClient;
import dev.baton.testing.TestDatabases;
import dev.baton.testing.TestKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The hook role against a real HTTP system, PostgreSQL and Kafka: signed calls; sync answers (success with fields,
 * failure); retries of 5xx with back-off; exhaustion into the dead-letter topic and the retry API; the allow-list;
 * async calls answered on the signed callback, which refuses forged, repeated and unwanted answers.
 */
@SpringBootTest(classes = NotificationWorkerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=notification-worker", "baton.hooks.poll-interval=50ms",
                // longer than the test: calls go out because queuing (or reviving) one wakes the caller, and retries
                // because the caller waits no later than their due time
                "baton.hooks.idle-poll-interval=30m",
                "baton.hooks.backoff.initial=50ms", "baton.hooks.allow-hosts=127.0.0.1",
                // one URL stands for many systems here, some failing on purpose: its breaker must not hold back the rest
                "baton.hooks.breaker.window=1000", "baton.hooks.breaker.minimum-calls=1000",
                "baton.hooks.secrets.iam=iam-secret-for-tests"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class HookWorkerTest {
    static final String SECRET = "iam-secret-for-tests";
    static final TestDatabases.Database DB = TestDatabases.create("nwhook");
    static final TicketEvents EVENTS = new TicketEvents(TestKafka.bootstrapServers());
    static final CallerApp OPS = new CallerApp("hook-ops", "Ops", "hook-ops-secret", true, List.of(), true);
    static HttpServer system;
    /** per ticket: the statuses to answer in turn (the last repeats), and the body of a 200 */
    static final Map<String, List<Integer>> statuses = new ConcurrentHashMap<>();
    static final Map<String, String> bodies = new ConcurrentHashMap<>();
    static final List<Map<String, String>> calls = new CopyOnWriteArrayList<>();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> DB.jdbcUrl() + "?currentSchema=notification_worker");
        registry.add("spring.datasource.username", DB::username);
        registry.add("spring.datasource.password", DB::password);
        registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
    }

    @BeforeAll
    static void startSystem() throws IOException {
        system = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        system.createContext("/iam", HookWorkerTest::answer);
        system.setExecutor(Executors.newFixedThreadPool(4));
        system.start();
        EVENTS.publishApp(OPS);
    }

    @AfterAll
    static void stopSystem() {
        system.stop(0);
    }

    static void answer(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        JsonNode payload = TicketEvents.JSON.readTree(body);
        String ticketId = payload.path("ticketId").asText();
        String timestamp = exchange.getRequestHeaders().getFirst(HookSigning.TIMESTAMP);
        calls.add(Map.of("ticketId", ticketId, "delivery", exchange.getRequestHeaders().getFirst(HookSigning.DELIVERY),
                "idempotency", exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                "signed", Boolean.toString(HookSigning.matches(SECRET, timestamp, body,
                        exchange.getRequestHeaders().getFirst(HookSigning.SIGNATURE))),
                "app", payload.at("/fields/app").asText(), "events", payload.path("events").toString()));
        List<Integer> plan = statuses.getOrDefault(ticketId, List.of(200));
        long made = calls.stream().filter(c -> c.get("ticketId").equals(ticketId)).count();
        int status = plan.get((int) Math.min(plan.size() - 1, made - 1));
        byte[] answer = (status == 200 ? bodies.getOrDefault(ticketId, "{\"result\": true}") : "{}")
                .getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    static String url(String host) {
        return "http://" + host + ":" + system.getAddress().getPort() + "/iam";
    }

    static String request(HookDef.Mode mode, String host, int attempts) {
        String ticketId = TicketEvents.newTicketId();
        EVENTS.publish(TicketEvents.draft(ticketId, "alice"), 0, ticketId + "-0");
        HookDef hook = new HookDef(url(host), mode, "iam", Map.of("system", "app"), 2, attempts, "passed", "failed");
        EVENTS.publish(new HookRequested(ticketId, "alice", Instant.now(), TicketEvents.LEADER_APPROVAL,
                ticketId + "-v2-h1", 2, hook, Map.of("ticketId", ticketId, "fields", Map.of("app", "billing"))),
                1, ticketId + "-1");
        return ticketId;
    }

    static List<JsonNode> answers(String ticketId) {
        List<JsonNode> found = new ArrayList<>();
        for (ConsumerRecord<String, String> r : EVENTS.read(Topics.TICKET_COMMANDS, ticketId)) {
            if ("AnswerHook".equals(TicketEvents.header(r, CommandTopic.TYPE_HEADER))) {
                found.add(read(r.value()));
            }
        }
        return found;
    }

    static JsonNode read(String json) {
        try {
            return TicketEvents.JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The ticket's hook call's status; null while the role has not queued the call yet. */
    String status(String ticketId) {
        List<String> statuses = jdbc.queryForList("SELECT status FROM hook_call WHERE ticket_id = ?", String.class,
                ticketId);
        assertThat(statuses).as("hook calls of " + ticketId).hasSizeLessThanOrEqualTo(1);
        return statuses.isEmpty() ? null : statuses.get(0);
    }

    @Test
    void aSyncCallIsSignedAndItsAnswerGoesBackToTheTicketWithTheFields() {
        String ticketId = TicketEvents.newTicketId();
        bodies.put(ticketId, "{\"result\": true, \"msg\": \"granted\", \"fields\": {\"account\": \"acc-42\"}}");
        String requested = requestFor(ticketId, HookDef.Mode.SYNC, 3);

        await().atMost(Duration.ofSeconds(20)).until(() -> answers(requested).size() == 1);
        JsonNode answer = answers(requested).get(0);
        assertThat(answer.get("hookId").asText()).isEqualTo(requested + "-v2-h1");
        assertThat(answer.get("success").asBoolean()).isTrue();
        assertThat(answer.get("message").asText()).isEqualTo("granted");
        assertThat(answer.at("/fields/account").asText()).isEqualTo("acc-42");
        Map<String, String> call = calls.stream().filter(c -> c.get("ticketId").equals(requested)).findFirst()
                .orElseThrow();
        assertThat(call).containsEntry("signed", "true").containsEntry("delivery", requested + "-v2-h1")
                .containsEntry("idempotency", requested + "-v2-h1").containsEntry("app", "billing");
        assertThat(status(requested)).isEqualTo("DONE");
    }

    /** Publishes a hook request for {@code ticketId} (whose answers the system has been told already). */
    static String requestFor(String ticketId, HookDef.Mode mode, int attempts) {
        return requestFor(ticketId, mode, attempts, Map.of("system", "app"));
    }

    /** The same, the hook renaming the ticket's fields as {@code names} says (ticket key -> the system's name). */
    static String requestFor(String ticketId, HookDef.Mode mode, int attempts, Map<String, String> names) {
        EVENTS.publish(TicketEvents.draft(ticketId, "alice"), 0, ticketId + "-0");
        HookDef hook = new HookDef(url("127.0.0.1"), mode, "iam", names, 2, attempts, "passed", "failed");
        EVENTS.publish(new HookRequested(ticketId, "alice", Instant.now(), TicketEvents.LEADER_APPROVAL,
                ticketId + "-v2-h1", 2, hook, Map.of("ticketId", ticketId, "fields", Map.of("app", "billing"))),
                1, ticketId + "-1");
        return ticketId;
    }

    @Test
    void aSyncAnswersFieldsGoBackToTheTicketUnderItsOwnKeys() {
        String ticketId = TicketEvents.newTicketId();
        bodies.put(ticketId, "{\"result\": true, \"fields\": {\"account\": \"acc-42\", \"vpn_account\": \"ignored\","
                + " \"days\": 2}}");
        requestFor(ticketId, HookDef.Mode.SYNC, 3, Map.of("vpn_account", "account", "system", "app"));

        await().atMost(Duration.ofSeconds(20)).until(() -> answers(ticketId).size() == 1);
        JsonNode answer = answers(ticketId).get(0);
        assertThat(answer.get("success").asBoolean()).isTrue();
        assertThat(TicketEvents.JSON.convertValue(answer.get("fields"), Map.class))
                .as("a name the hook gave a field goes back to it, and wins over the field's own key; other names "
                        + "keep theirs").isEqualTo(Map.of("vpn_account", "acc-42", "days", 2L));
    }

    @Test
    void anAnswerHoldingTextBatonRefusesIsAFailureNotAValueForTheTicket() {
        String ticketId = TicketEvents.newTicketId();
        bodies.put(ticketId, "{\"result\": true, \"fields\": {\"account\": \"acc\\u000042\"}}");
        requestFor(ticketId, HookDef.Mode.SYNC, 3, Map.of("vpn_account", "account"));

        await().atMost(Duration.ofSeconds(20)).until(() -> answers(ticketId).size() == 1);
        JsonNode answer = answers(ticketId).get(0);
        assertThat(answer.get("success").asBoolean()).isFalse();
        assertThat(answer.get("message").asText()).contains("U+0000").contains("/fields/account");
        assertThat(answer.path("fields").size()).isZero();
    }

    @Test
    void anAsyncCallbacksFieldsGoBackToTheTicketUnderItsOwnKeys() {
        String ticketId = TicketEvents.newTicketId();
        statuses.put(ticketId, List.of(202));
        requestFor(ticketId, HookDef.Mode.ASYNC, 3, Map.of("vpn_account", "account"));
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> "WAITING".equals(status(ticketId)));

        byte[] body = "{\"result\": true, \"fields\": {\"account\": \"acc-7\"}}".getBytes(StandardCharsets.UTF_8);
        String now = Long.toString(Instant.now().getEpochSecond());
        callback(ticketId + "-v2-h1", body, now, HookSigning.sign(SECRET, now, body)).expectStatus().isAccepted();

        await().atMost(Duration.ofSeconds(20)).until(() -> answers(ticketId).size() == 1);
        assertThat(TicketEvents.JSON.convertValue(answers(ticketId).get(0).get("fields"), Map.class))
                .isEqualTo(Map.of("vpn_account", "acc-7"));
    }

    @Test
    void aCallbackToAnIdNoCallCanHaveIsUnknownAndAnUnsignedOneLearnsNothing() {
        byte[] body = "{\"result\": true}".getBytes(StandardCharsets.UTF_8);
        String now = Long.toString(Instant.now().getEpochSecond());
        WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build().post()
                .uri(java.net.URI.create("http://localhost:" + port + "/hook-callbacks/%00"))
                .header("Content-Type", "application/json").bodyValue(body).exchange()
                .expectStatus().isBadRequest().expectHeader().contentType("application/problem+json");
        // the template encodes the %: the id is the text "bad%00id", which no call can have
        callback("bad%00id", body, now, HookSigning.sign(SECRET, now, body)).expectStatus().isNotFound();
        callback("bad~id", body, now, HookSigning.sign(SECRET, now, body)).expectStatus().isNotFound();

        String waiting = TicketEvents.newTicketId();
        statuses.put(waiting, List.of(202));
        requestFor(waiting, HookDef.Mode.ASYNC, 3);
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> "WAITING".equals(status(waiting)));
        String forged = HookSigning.sign("not-the-secret", now, body);
        callback(waiting + "-v2-h1", body, now, forged).expectStatus().isUnauthorized();
        callback("no-such-hook", body, now, forged).expectStatus().isUnauthorized();
        assertThat(status(waiting)).isEqualTo("WAITING");
    }

    @Test
    void aReportedFailureIsAFailureAnswerAndA5xxIsRetriedUntilItWorks() {
        String refused = TicketEvents.newTicketId();
        bodies.put(refused, "{\"result\": false, \"error\": \"no such system\"}");
        requestFor(refused, HookDef.Mode.SYNC, 3);
        String flaky = TicketEvents.newTicketId();
        statuses.put(flaky, List.of(503, 502, 200));
        requestFor(flaky, HookDef.Mode.SYNC, 3);

        await().atMost(Duration.ofSeconds(20)).until(() -> answers(refused).size() == 1 && answers(flaky).size() == 1);
        assertThat(answers(refused).get(0).get("success").asBoolean()).isFalse();
        assertThat(answers(refused).get(0).get("message").asText()).isEqualTo("no such system");
        assertThat(answers(flaky).get(0).get("success").asBoolean()).isTrue();
        assertThat(calls.stream().filter(c -> c.get("ticketId").equals(flaky))).hasSize(3);
    }

    @Test
    void exhaustedCallsAreDeadLetteredAndTheRetryApiTriesThemAgain() {
        String down = TicketEvents.newTicketId();
        statuses.put(down, List.of(500));
        requestFor(down, HookDef.Mode.SYNC, 2);

        await().atMost(Duration.ofSeconds(20)).until(() -> answers(down).size() == 1);
        JsonNode exhausted = answers(down).get(0);
        assertThat(exhausted.get("exhausted").asBoolean()).isTrue();
        assertThat(exhausted.get("message").asText()).isEqualTo("HTTP 500");
        assertThat(status(down)).isEqualTo("EXHAUSTED");
        assertThat(EVENTS.read(HookAnswers.DEAD_LETTERS, down)).hasSize(1);
        assertThat(calls.stream().filter(c -> c.get("ticketId").equals(down))).hasSize(2);

        SignedClient ops = new SignedClient("http://localhost:" + port, OPS.appId(), OPS.secret());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(read(new String(ops.get("root",
                "/hooks/dead").expectStatus().isOk().expectBody().returnResult().getResponseBody(),
                StandardCharsets.UTF_8)).findValuesAsText("hookId")).contains(down + "-v2-h1"));
        statuses.put(down, List.of(200));
        ops.post("root", "/hooks/" + down + "-v2-h1/retry", Map.of()).expectStatus().isAccepted();
        await().atMost(Duration.ofSeconds(20)).until(() -> answers(down).size() == 2);
        assertThat(answers(down).get(1).get("success").asBoolean()).isTrue();
        ops.post("root", "/hooks/" + down + "-v2-h1/retry", Map.of()).expectStatus().isEqualTo(409);
        ops.post("root", "/hooks/no-such-hook/retry", Map.of()).expectStatus().isNotFound();
    }

    @Test
    void aTargetOffTheAllowListIsNeverCalled() {
        String ticketId = request(HookDef.Mode.SYNC, "localhost", 5);
        await().atMost(Duration.ofSeconds(20)).until(() -> answers(ticketId).size() == 1);
        JsonNode answer = answers(ticketId).get(0);
        assertThat(answer.get("exhausted").asBoolean()).isTrue();
        assertThat(answer.get("message").asText()).contains("allow-list");
        assertThat(calls.stream().filter(c -> c.get("ticketId").equals(ticketId))).isEmpty();
    }

    @Test
    void anAsyncCallIsAnsweredOnTheSignedCallbackOnce() {
        String ticketId = TicketEvents.newTicketId();
        statuses.put(ticketId, List.of(202));
        requestFor(ticketId, HookDef.Mode.ASYNC, 3);
        String hookId = ticketId + "-v2-h1";
        await().atMost(Duration.ofSeconds(20)).until(() -> "WAITING".equals(status(ticketId)));

        byte[] body = "{\"result\": true, \"msg\": \"done later\"}".getBytes(StandardCharsets.UTF_8);
        String now = Long.toString(Instant.now().getEpochSecond());
        callback(hookId, body, now, HookSigning.sign("not-the-secret", now, body)).expectStatus().isUnauthorized();
        String old = Long.toString(Instant.now().minus(Duration.ofHours(1)).getEpochSecond());
        callback(hookId, body, old, HookSigning.sign(SECRET, old, body)).expectStatus().isUnauthorized();
        callback(hookId, body, now, HookSigning.sign(SECRET, now, body)).expectStatus().isAccepted();
        callback(hookId, body, now, HookSigning.sign(SECRET, now, body)).expectStatus().isEqualTo(409)
                .expectHeader().contentType("application/problem+json");
        callback("no-such-hook", body, now, HookSigning.sign(SECRET, now, body)).expectStatus().isNotFound();

        await().atMost(Duration.ofSeconds(20)).until(() -> answers(ticketId).size() == 1);
        assertThat(answers(ticketId).get(0).get("message").asText()).isEqualTo("done later");
        assertThat(status(ticketId)).isEqualTo("DONE");
    }

    @Test
    void aCallbackForATicketThatMovedOnIsRefused() {
        String ticketId = TicketEvents.newTicketId();
        statuses.put(ticketId, List.of(202));
        requestFor(ticketId, HookDef.Mode.ASYNC, 3);
        await().atMost(Duration.ofSeconds(20)).until(() -> "WAITING".equals(status(ticketId)));
        EVENTS.publish(TicketEvents.closed(ticketId, "admin"), 2, ticketId + "-2");
        await().atMost(Duration.ofSeconds(20)).until(() -> "CANCELLED".equals(status(ticketId)));

        byte[] body = "{\"result\": true}".getBytes(StandardCharsets.UTF_8);
        String now = Long.toString(Instant.now().getEpochSecond());
        callback(ticketId + "-v2-h1", body, now, HookSigning.sign(SECRET, now, body)).expectStatus().isEqualTo(409);
        assertThat(answers(ticketId)).isEmpty();
    }

    @Test
    void eventHooksTellAnotherSystemOfTheWorkflowsTicketEventsAndDeadLetterWhatItRefuses() {
        EVENTS.publishWorkflow(new PublishedWorkflow("told", 1, Instant.now(), "admin", Definitions.withEventHooks(
                Definitions.withKey(Demo.leaveRequest(), "told"), List.of(new EventHook(url("127.0.0.1"), "iam",
                        List.of(EventHook.Kind.CREATED, EventHook.Kind.ENDED), 2, 2)))));
        String told = TicketEvents.newTicketId();
        String refusing = TicketEvents.newTicketId();
        statuses.put(refusing, List.of(500));
        for (String ticketId : List.of(told, refusing)) {
            var draft = TicketEvents.draft(ticketId, "alice");
            EVENTS.publish(new TicketCreated(ticketId, draft.serialNo(), "told", 1, "Told", draft.title(), "alice",
                    draft.appId(), draft.at(), draft.fields(), draft.state(), draft.assignment(), draft.status()),
                    0, ticketId + "-0");
            EVENTS.publish(TicketEvents.submitted(ticketId, "alice", Assignment.of(Distribution.ANY_ONE,
                    List.of("lena"))), 1, ticketId + "-1");
            EVENTS.publish(TicketEvents.finished(ticketId, "lena"), 2, ticketId + "-2");
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(calls.stream()
                .filter(c -> c.get("ticketId").equals(told)).count()).as("calls for %s; rows %s; ticket %s", told,
                jdbc.queryForList("SELECT hook_id, status, mode, last_error FROM hook_call WHERE ticket_id = ?", told),
                jdbc.queryForList("SELECT * FROM hook_ticket WHERE ticket_id = ?", told)).isEqualTo(2));
        assertThat(calls.stream().filter(c -> c.get("ticketId").equals(told)).map(c -> c.get("events")))
                .containsExactlyInAnyOrder("[\"CREATED\"]", "[\"ENDED\"]");
        assertThat(calls.stream().filter(c -> c.get("ticketId").equals(told)))
                .allSatisfy(c -> assertThat(c.get("signed")).isEqualTo("true"));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                EVENTS.read(HookAnswers.DEAD_LETTERS, refusing).size() == 2);
        assertThat(answers(told)).as("an event hook answers no ticket").isEmpty();
        assertThat(answers(refusing)).isEmpty();
    }

    WebTestClient.ResponseSpec callback(String hookId, byte[] body, String timestamp, String signature) {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build().post()
                .uri("/hook-callbacks/" + hookId).header(HookSigning.TIMESTAMP, timestamp)
                .header(HookSigning.SIGNATURE, signature).header("Content-Type", "application/json")
                .bodyValue(body).exchange();
    }
}
