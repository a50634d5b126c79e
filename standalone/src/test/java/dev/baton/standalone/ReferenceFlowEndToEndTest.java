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

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The reference leave-request flow, end to end over HTTP through all four services, on a real PostgreSQL and a real
 * Kafka broker: the creator's department leader approves; a leave of more than three days also needs a director
 * (one of three accepts, then approves); ops (one of five accepts, then completes) ends it; a rejection sends the
 * ticket back to the creator. Lists, detail, flow-log snapshots and webhook notifications are checked at each step.
 * Last, the Grafana dashboard and the Prometheus alerts in deploy/observability are checked against what Baton exports.
 */
class ReferenceFlowEndToEndTest {
    static final ObjectMapper JSON = BatonJson.mapper();
    static final String ADMIN = "admin-console";
    static final String ADMIN_SECRET = "e2e-admin-secret";
    static final String OA = "demo-oa";
    static final String OA_SECRET = "e2e-oa-secret";
    static final List<String> OPS = List.of("ops1", "ops2", "ops3", "ops4", "ops5");
    static final List<String> DIRECTORS = List.of("dina", "dirk", "dora");

    static WebhookSink webhook;
    static BatonServices services;
    static SignedClient commands;
    static SignedClient queries;

    @BeforeAll
    static void startBaton() throws Exception {
        webhook = new WebhookSink();
        TestDatabases.Database db = TestDatabases.create("e2e");
        services = BatonServices.start(new BatonServices.Infrastructure(db.jdbcUrl(), db.username(), db.password(),
                TestKafka.bootstrapServers()), BatonServices.Ports.random(), Map.of(
                "workflow-config:baton.bootstrap.admin-app", ADMIN,
                "workflow-config:baton.bootstrap.admin-secret", ADMIN_SECRET,
                "workflow-config:baton.bootstrap.apps[0].app-id", OA,
                "workflow-config:baton.bootstrap.apps[0].secret", OA_SECRET,
                "workflow-config:baton.bootstrap.apps[0].workflows[0]", "leave-request",
                "workflow-config:baton.demo.enabled", "true",
                "notification-worker:baton.notification.webhook-url", webhook.url()));
        commands = new SignedClient(services.url("ticket-command"), OA, OA_SECRET);
        queries = new SignedClient(services.url("ticket-query"), OA, OA_SECRET);
    }

    @AfterAll
    static void stopBaton() {
        if (services != null) {
            services.close();
        }
        if (webhook != null) {
            webhook.close();
        }
    }

    // --- steps ------------------------------------------------------------------------------------------------------

    record Written(String ticketId, long version) {
        String token() {
            return ticketId + ":" + version;
        }
    }

    static JsonNode json(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static Written submitLeave(String creator, int days) {
        JsonNode result = json(commands.post(creator, "/tickets", Map.of("workflow", "leave-request",
                        "title", creator + " leave " + days + "d", "fields", Map.of("days", days, "reason", "rest"),
                        "transition", "submit", "comment", "please"))
                .expectStatus().isCreated().expectBody().returnResult().getResponseBody());
        return new Written(result.get("ticketId").asText(), result.get("version").asLong());
    }

    static Written act(String user, String ticketId, String action, Map<String, Object> body) {
        JsonNode result = json(commands.post(user, "/tickets/" + ticketId + "/" + action, body)
                .expectStatus().isOk().expectBody().returnResult().getResponseBody());
        return new Written(ticketId, result.get("version").asLong());
    }

    static List<String> list(String user, String kind, Written after) {
        JsonNode page = json(queries.get(user, "/tickets/" + kind + "?limit=100&consistentWith=" + after.token())
                .expectStatus().isOk().expectBody().returnResult().getResponseBody());
        return StreamSupport.stream(page.get("items").spliterator(), false).map(i -> i.get("ticketId").asText()).toList();
    }

    static JsonNode detail(String user, Written after) {
        return json(queries.get(user, "/tickets/" + after.ticketId() + "?minVersion=" + after.version())
                .expectStatus().isOk().expectBody().returnResult().getResponseBody());
    }

    static JsonNode flowLog(String user, String ticketId) {
        return json(queries.get(user, "/tickets/" + ticketId + "/flow-log").expectStatus().isOk()
                .expectBody().returnResult().getResponseBody()).get("entries");
    }

    static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    static List<String> transitionKeys(JsonNode detail) {
        return StreamSupport.stream(detail.get("actions").get("transitions").spliterator(), false)
                .map(t -> t.get("key").asText()).toList();
    }

    static void awaitNotified(String ticketId, List<String> users) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(webhook.recipients(ticketId)).containsAll(users));
    }

    // --- flows ------------------------------------------------------------------------------------------------------

    @Test
    void aShortLeaveGoesFromTheLeaderToOpsAndEnds() {
        Written submitted = submitLeave("alice", 2);
        String id = submitted.ticketId();

        assertThat(list("lena", "todo", submitted)).contains(id);
        assertThat(list("alice", "todo", submitted)).doesNotContain(id);
        assertThat(list("alice", "created", submitted)).contains(id);
        JsonNode atLeader = detail("lena", submitted);
        assertThat(atLeader.get("state").get("key").asText()).isEqualTo("leader_approval");
        assertThat(transitionKeys(atLeader)).containsExactlyInAnyOrder("leader_approve", "leader_reject");
        assertThat(atLeader.get("fields").findValuesAsText("key")).contains("days");
        queries.get("bob", "/tickets/" + id + "?minVersion=" + submitted.version()).expectStatus().isForbidden();
        awaitNotified(id, List.of("lena"));
        assertThat(webhook.recipients(id)).doesNotContain("alice");

        Written approved = act("lena", id, "handle", Map.of("transition", "leader_approve", "comment", "ok"));
        for (String ops : OPS) {
            assertThat(list(ops, "todo", approved)).contains(id);
        }
        assertThat(list("lena", "todo", approved)).doesNotContain(id);
        assertThat(list("lena", "related", approved)).contains(id);
        JsonNode offered = detail("ops1", approved);
        assertThat(offered.get("assignment").get("awaitingAccept").asBoolean()).isTrue();
        assertThat(offered.get("actions").get("accept").asBoolean()).isTrue();
        assertThat(transitionKeys(offered)).isEmpty();
        awaitNotified(id, OPS);

        Written accepted = act("ops3", id, "accept", Map.of());
        assertThat(list("ops1", "todo", accepted)).doesNotContain(id);
        assertThat(list("ops3", "todo", accepted)).contains(id);
        commands.post("ops1", "/tickets/" + id + "/accept", Map.of()).expectStatus().isEqualTo(409);

        Written done = act("ops3", id, "handle", Map.of("transition", "complete", "fields", Map.of("ops_note", "booked")));
        assertThat(list("ops3", "todo", done)).doesNotContain(id);
        JsonNode finished = detail("alice", done);
        assertThat(finished.get("status").asText()).isEqualTo("FINISHED");
        assertThat(finished.get("state").get("key").asText()).isEqualTo("done");

        JsonNode log = flowLog("alice", id);
        assertThat(log).hasSize(5);
        assertThat(log.findValuesAsText("actor")).containsExactly("alice", "alice", "lena", "ops3", "ops3");
        assertThat(log.get(1).get("snapshot").get("state").get("key").asText()).isEqualTo("leader_approval");
        assertThat(log.get(1).get("snapshot").get("fields").get("days").asInt()).isEqualTo(2);
        assertThat(log.get(2).get("snapshot").get("assignment").get("users")).hasSize(5);
        assertThat(log.get(3).get("snapshot").get("assignment").get("users").get(0).asText()).isEqualTo("ops3");
        JsonNode last = log.get(4).get("snapshot");
        assertThat(last.get("status").asText()).isEqualTo("FINISHED");
        assertThat(last.get("fields").get("ops_note").asText()).isEqualTo("booked");

        JsonNode steps = json(queries.get("alice", "/tickets/" + id + "/steps").expectStatus().isOk()
                .expectBody().returnResult().getResponseBody()).get("steps");
        assertThat(StreamSupport.stream(steps.spliterator(), false).map(s -> s.get("key").asText()))
                .containsExactly("draft", "leader_approval", "ops_handling", "done");
        assertThat(StreamSupport.stream(steps.spliterator(), false).map(s -> s.get("progress").asText()))
                .containsExactly("PASSED", "PASSED", "PASSED", "CURRENT");
    }

    @Test
    void aLongLeaveAlsoNeedsADirector() {
        Written submitted = submitLeave("bob", 5);
        String id = submitted.ticketId();
        Written approved = act("lena", id, "handle", Map.of("transition", "leader_approve"));
        JsonNode atDirector = detail("dirk", approved);
        assertThat(atDirector.get("state").get("key").asText()).isEqualTo("director_approval");
        assertThat(texts(atDirector.get("assignment").get("participants"))).containsExactlyElementsOf(DIRECTORS);
        for (String director : DIRECTORS) {
            assertThat(list(director, "todo", approved)).contains(id);
        }
        awaitNotified(id, DIRECTORS);

        Written accepted = act("dirk", id, "accept", Map.of());
        assertThat(list("dina", "todo", accepted)).doesNotContain(id);
        Written directorApproved = act("dirk", id, "handle", Map.of("transition", "director_approve"));
        JsonNode atOps = detail("ops2", directorApproved);
        assertThat(atOps.get("state").get("key").asText()).isEqualTo("ops_handling");

        act("ops2", id, "accept", Map.of());
        Written done = act("ops2", id, "handle", Map.of("transition", "complete"));
        assertThat(detail("bob", done).get("status").asText()).isEqualTo("FINISHED");
        assertThat(flowLog("bob", id).findValuesAsText("actor"))
                .containsExactly("bob", "bob", "lena", "dirk", "dirk", "ops2", "ops2");
    }

    @Test
    void aRejectionSendsTheTicketBackToTheCreatorWhoCanResubmit() {
        Written submitted = submitLeave("alice", 4);
        String id = submitted.ticketId();
        act("lena", id, "handle", Map.of("transition", "leader_approve"));
        act("dina", id, "accept", Map.of());
        Written rejected = act("dina", id, "handle", Map.of("transition", "director_reject", "comment", "too long"));

        assertThat(list("alice", "todo", rejected)).contains(id);
        assertThat(list("dina", "todo", rejected)).doesNotContain(id);
        JsonNode back = detail("alice", rejected);
        assertThat(back.get("status").asText()).isEqualTo("REJECTED");
        assertThat(back.get("state").get("key").asText()).isEqualTo("draft");
        assertThat(transitionKeys(back)).contains("submit");
        JsonNode rejection = flowLog("alice", id).get(4);
        assertThat(rejection.get("comment").asText()).isEqualTo("too long");
        assertThat(rejection.get("snapshot").get("status").asText()).isEqualTo("REJECTED");
        awaitNotified(id, List.of("lena", "dina", "dirk", "dora", "alice"));

        Written resubmitted = act("alice", id, "handle", Map.of("transition", "submit", "fields", Map.of("days", 2)));
        assertThat(list("lena", "todo", resubmitted)).contains(id);
        assertThat(detail("alice", resubmitted).get("status").asText()).isEqualTo("IN_PROGRESS");
    }

    // --- what operators watch -----------------------------------------------------------------------------------------

    /** PromQL's own words: functions, aggregations and keywords, never metric names. */
    static final Set<String> PROMQL_WORDS = Set.of("sum", "max", "min", "avg", "count", "rate", "irate", "increase",
            "by", "without", "and", "or", "unless", "on", "ignoring", "bool", "histogram_quantile", "topk", "bottomk",
            "abs", "clamp_min", "clamp_max", "delta", "deriv", "absent", "vector", "time", "offset");

    /** The metric names a PromQL expression reads. */
    static Set<String> metricNames(String expr) {
        String bare = expr.replaceAll("\"(?:\\\\.|[^\"\\\\])*\"", "\"\"")   // strings
                .replaceAll("\\{[^}]*}", " ")                                    // label matchers
                .replaceAll("\\[[^\\]]*\\]", " ")                                // ranges
                .replaceAll("\\b(by|without|on|ignoring)\\s*\\([^)]*\\)", " "); // grouping labels
        Set<String> names = new TreeSet<>();
        Matcher words = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*").matcher(bare);
        while (words.find()) {
            if (!PROMQL_WORDS.contains(words.group())) {
                names.add(words.group());
            }
        }
        return names;
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDashboardAndTheAlertsReadOnlyMetricsBatonExports() throws Exception {
        Written submitted = submitLeave("alice", 2);
        awaitNotified(submitted.ticketId(), List.of("lena"));

        Path observability = Path.of("..", "deploy", "observability");
        Set<String> used = new TreeSet<>();
        JsonNode dashboard = JSON.readTree(observability.resolve("grafana/baton.json").toFile());
        assertThat(dashboard.get("uid").asText()).isEqualTo("baton-overview");
        int panels = 0;
        for (JsonNode panel : dashboard.get("panels")) {
            if (panel.get("type").asText().equals("row")) {
                continue;
            }
            panels++;
            assertThat(panel.get("targets")).as(panel.get("title").asText()).isNotEmpty();
            panel.get("targets").forEach(target -> used.addAll(metricNames(target.get("expr").asText())));
        }
        assertThat(panels).isGreaterThanOrEqualTo(15);
        Map<String, Object> rules = new org.yaml.snakeyaml.Yaml().load(
                Files.readString(observability.resolve("prometheus/baton-alerts.yml")));
        List<Map<String, Object>> groups = (List<Map<String, Object>>) rules.get("groups");
        List<Map<String, Object>> alerts = (List<Map<String, Object>>) groups.get(0).get("rules");
        assertThat(alerts).hasSizeGreaterThanOrEqualTo(10);
        for (Map<String, Object> alert : alerts) {
            assertThat(alert).containsKeys("alert", "expr", "labels", "annotations");
            assertThat(((Map<String, Object>) alert.get("labels")).get("severity")).isIn("page", "ticket");
            assertThat((Map<String, Object>) alert.get("annotations")).containsKeys("summary", "description");
            used.addAll(metricNames((String) alert.get("expr")));
        }
        used.remove("up"); // Prometheus's own, per scrape target

        Set<String> exported = new TreeSet<>();
        HttpClient http = HttpClient.newHttpClient();
        for (String service : List.of("workflow-config", "ticket-command", "ticket-query", "notification-worker")) {
            String text = http.send(HttpRequest.newBuilder(URI.create(services.url(service) + "/actuator/prometheus"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
            text.lines().filter(line -> !line.startsWith("#") && !line.isBlank())
                    .map(line -> line.split("[{ ]", 2)[0]).forEach(exported::add);
        }
        assertThat(used).isNotEmpty().allSatisfy(name -> assertThat(exported).as("metrics Baton exports")
                .contains(name));
    }
}
