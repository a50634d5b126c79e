package dev.baton.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.api.workflow.ChildTickets;
import dev.baton.api.workflow.Countersign;
import dev.baton.api.workflow.FieldAccess;
import dev.baton.api.workflow.FieldDef;
import dev.baton.api.workflow.FieldType;
import dev.baton.api.workflow.HookDef;
import dev.baton.api.workflow.Distribution;
import dev.baton.api.workflow.ParticipantKind;
import dev.baton.api.workflow.ParticipantRule;
import dev.baton.api.workflow.StartPermission;
import dev.baton.api.workflow.StateTimers;
import dev.baton.api.workflow.StateDef;
import dev.baton.api.workflow.StateType;
import dev.baton.api.workflow.TransitionDef;
import dev.baton.api.workflow.TransitionKind;
import dev.baton.api.workflow.WorkflowDefinition;
import dev.baton.engine.BatonJson;
import dev.baton.testing.SignedClient;
import dev.baton.testing.TestDatabases;
import dev.baton.testing.TestKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The workflow engine's rules end to end over HTTP through all four services on a real PostgreSQL and a real Kafka
 * broker: workflows published through workflow-config's API, tickets driven through ticket-command, outcomes read
 * from ticket-query. How participants share a state (countersign under each policy, a sequence followed by an
 * accept-first pool with a release, round-robin turns), taking a ticket back (send back with resubmission
 * straight to the sender, withdrawal by the creator) and an admin's forced reassignment and jump.
 */
class WorkflowEngineEndToEndTest {
    static final ObjectMapper JSON = BatonJson.mapper();
    static final String ADMIN = "admin-console";
    static final String ADMIN_SECRET = "e2e-admin-secret";
    static final String OA = "demo-oa";
    static final String OA_SECRET = "e2e-oa-secret";
    static final List<String> PANEL = List.of("lena", "sam", "dina");
    static final List<String> POLICIES = List.of("veto", "unanimous", "quorum", "last");

    static final String IAM_SECRET = "e2e-iam-secret";
    static com.sun.net.httpserver.HttpServer iam;
    static TestDatabases.Database db;
    static BatonServices services;
    static SignedClient config;
    static SignedClient commands;
    static SignedClient queries;

    /** An identity system that checks access requests: known systems pass (with an account), others fail. */
    static void startIam() throws java.io.IOException {
        iam = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        iam.createContext("/check", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String timestamp = exchange.getRequestHeaders().getFirst("X-Baton-Timestamp");
            boolean signed = exchange.getRequestHeaders().getFirst("X-Baton-Signature") != null
                    && exchange.getRequestHeaders().getFirst("X-Baton-Signature").equals(
                    dev.baton.notification.hook.HookSigning.sign(IAM_SECRET, timestamp, body));
            String app = JSON.readTree(body).at("/fields/app").asText();
            String answer = !signed ? "{\"result\": false, \"error\": \"unsigned\"}"
                    : app.equals("billing") ? "{\"result\": true, \"msg\": \"known system\", \"fields\": "
                    + "{\"account\": \"acc-billing\"}}" : "{\"result\": false, \"error\": \"unknown system " + app
                    + "\"}";
            byte[] bytes = answer.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        iam.start();
    }

    @BeforeAll
    static void startBaton() throws Exception {
        startIam();
        db = TestDatabases.create("e2e_sharing");
        Map<String, String> properties = new java.util.LinkedHashMap<>(Map.of(
                "workflow-config:baton.bootstrap.admin-app", ADMIN,
                "workflow-config:baton.bootstrap.admin-secret", ADMIN_SECRET,
                "workflow-config:baton.bootstrap.apps[0].app-id", OA,
                "workflow-config:baton.bootstrap.apps[0].secret", OA_SECRET,
                "workflow-config:baton.demo.enabled", "true",
                "notification-worker:baton.hooks.allow-hosts", "127.0.0.1",
                "notification-worker:baton.hooks.secrets.iam", IAM_SECRET,
                "notification-worker:baton.hooks.poll-interval", "50ms"));
        List<String> granted = new ArrayList<>(POLICIES.stream().map(p -> "panel-" + p).toList());
        granted.addAll(List.of("relay", "rotation", "leave-request", "badge", "balance", "cover", "cover-strict", "hire", "kit", "desk", "quick", "vetted"));
        for (int i = 0; i < granted.size(); i++) {
            properties.put("workflow-config:baton.bootstrap.apps[0].workflows[" + i + "]", granted.get(i));
        }
        services = BatonServices.start(new BatonServices.Infrastructure(db.jdbcUrl(), db.username(), db.password(),
                TestKafka.bootstrapServers()), BatonServices.Ports.random(), properties);
        config = new SignedClient(services.url("workflow-config"), ADMIN, ADMIN_SECRET);
        commands = new SignedClient(services.url("ticket-command"), OA, OA_SECRET);
        queries = new SignedClient(services.url("ticket-query"), OA, OA_SECRET);
        publish(panel("panel-veto", Countersign.VETO));
        publish(panel("panel-unanimous", new Countersign(Countersign.Policy.UNANIMOUS, null, null)));
        publish(panel("panel-quorum", Countersign.quorum(2)));
        publish(panel("panel-last", new Countersign(Countersign.Policy.LAST_DECIDES, null, null)));
        publish(relay());
        publish(rotation());
        publish(badge());
        publish(balance());
        publish(cover("cover", false));
        publish(cover("cover-strict", true));
        publish(kit());
        publish(desk());
        publish(hire());
        publish(quick());
        publish(vetted());
    }

    @AfterAll
    static void stopBaton() {
        if (services != null) {
            services.close();
        }
        if (iam != null) {
            iam.stop(0);
        }
    }

    // --- workflows --------------------------------------------------------------------------------------------------

    static StateDef draft() {
        return new StateDef("draft", "Draft", StateType.START, 1, false, Map.of(),
                ParticipantRule.of(ParticipantKind.CREATOR), null);
    }

    static StateDef done(int order) {
        return new StateDef("done", "Done", StateType.END, order, false, Map.of(), null, null);
    }

    static TransitionDef transition(String key, String from, String to, TransitionKind kind) {
        return new TransitionDef(key, key, from, to, kind, true, List.of());
    }

    /** draft → review (lena, sam, dina vote under {@code policy}) → done; a rejection returns to draft. */
    static WorkflowDefinition panel(String key, Countersign policy) {
        return new WorkflowDefinition(key, "Panel " + policy.policy(), null, false, List.of(), List.of(), List.of(
                draft(), new StateDef("review", "Review", StateType.NORMAL, 2, false, Map.of(),
                        new ParticipantRule(ParticipantKind.USERS, PANEL), Distribution.ALL, policy), done(3)),
                List.of(transition("submit", "draft", "review", TransitionKind.AGREE),
                        transition("approve", "review", "done", TransitionKind.AGREE),
                        transition("reject", "review", "draft", TransitionKind.REJECT)));
    }

    /** draft → sign-off (lena, then sam) → ops (one of the ops department accepts) → done. */
    static WorkflowDefinition relay() {
        return new WorkflowDefinition("relay", "Relay", null, false, List.of(), List.of(), List.of(draft(),
                new StateDef("sign_off", "Sign-off", StateType.NORMAL, 2, false, Map.of(),
                        ParticipantRule.of(ParticipantKind.USERS, "lena", "sam"), Distribution.SEQUENTIAL),
                new StateDef("ops", "Ops", StateType.NORMAL, 3, false, Map.of(),
                        ParticipantRule.of(ParticipantKind.DEPARTMENT, "ops"), Distribution.ACCEPT_FIRST), done(4)),
                List.of(transition("submit", "draft", "sign_off", TransitionKind.AGREE),
                        transition("sign", "sign_off", "ops", TransitionKind.AGREE),
                        transition("refuse", "sign_off", "draft", TransitionKind.REJECT),
                        transition("complete", "ops", "done", TransitionKind.AGREE)));
    }

    /** draft → triage (ops1, ops2, ops3 take turns) → done. */
    static WorkflowDefinition rotation() {
        return new WorkflowDefinition("rotation", "Rotation", null, false, List.of(), List.of(), List.of(draft(),
                new StateDef("triage", "Triage", StateType.NORMAL, 2, false, Map.of(),
                        ParticipantRule.of(ParticipantKind.USERS, "ops1", "ops2", "ops3"), Distribution.ROUND_ROBIN),
                done(3)),
                List.of(transition("submit", "draft", "triage", TransitionKind.AGREE),
                        transition("close_out", "triage", "done", TransitionKind.AGREE)));
    }

    /** draft → check (whichever of ceo, oscar and sara, whom no other test here assigns, has the least open work). */
    static WorkflowDefinition balance() {
        return new WorkflowDefinition("balance", "Balance", null, false, List.of(), List.of(), List.of(draft(),
                new StateDef("check", "Check", StateType.NORMAL, 2, false, Map.of(),
                        ParticipantRule.of(ParticipantKind.USERS, "ceo", "oscar", "sara"), Distribution.LEAST_LOADED),
                done(3)),
                List.of(transition("submit", "draft", "check", TransitionKind.AGREE),
                        transition("checked", "check", "done", TransitionKind.AGREE)));
    }

    /** draft → approve (dora, whom no other test here assigns) → done; delegation allowed or forbidden. */
    static WorkflowDefinition cover(String key, boolean forbidDelegation) {
        return new WorkflowDefinition(key, "Cover " + key, null, true, List.of(), List.of(), List.of(draft(),
                new StateDef("approve", "Approve", StateType.NORMAL, 2, false, Map.of(),
                        ParticipantRule.of(ParticipantKind.USER, "dora"), Distribution.ANY_ONE), done(3)),
                List.of(transition("submit", "draft", "approve", TransitionKind.AGREE),
                        transition("approved", "approve", "done", TransitionKind.AGREE)),
                null, null, forbidDelegation);
    }

    /** draft → prepare (the leader of the parent's employee) → done. */
    static WorkflowDefinition kit() {
        return new WorkflowDefinition("kit", "Kit", null, false, List.of(), List.of(
                new FieldDef("user", "User", FieldType.USER, List.of())), List.of(
                new StateDef("draft", "Draft", StateType.START, 1, false, Map.of("user", FieldAccess.OPTIONAL),
                        ParticipantRule.of(ParticipantKind.CREATOR), null),
                new StateDef("prepare", "Prepare", StateType.NORMAL, 2, false, Map.of("user", FieldAccess.READ_ONLY),
                        ParticipantRule.relative(ParticipantKind.LEADER, "parent-field:employee", null),
                        Distribution.ANY_ONE), done(3)),
                List.of(transition("submit", "draft", "prepare", TransitionKind.AGREE),
                        transition("ship", "prepare", "done", TransitionKind.AGREE)));
    }

    /** draft → place (dirk) → done, or → refused (a rejection). */
    static WorkflowDefinition desk() {
        return new WorkflowDefinition("desk", "Desk", null, false, List.of(), List.of(
                new FieldDef("site", "Site", FieldType.TEXT, List.of())), List.of(
                new StateDef("draft", "Draft", StateType.START, 1, false, Map.of("site", FieldAccess.OPTIONAL),
                        ParticipantRule.of(ParticipantKind.CREATOR), null),
                new StateDef("place", "Place", StateType.NORMAL, 2, false, Map.of("site", FieldAccess.READ_ONLY),
                        ParticipantRule.of(ParticipantKind.USER, "dirk"), Distribution.ANY_ONE), done(3),
                new StateDef("refused", "Refused", StateType.END, 4, false, Map.of(), null, null)),
                List.of(transition("submit", "draft", "place", TransitionKind.AGREE),
                        transition("placed", "place", "done", TransitionKind.AGREE),
                        transition("refuse", "place", "refused", TransitionKind.REJECT)));
    }

    /**
     * draft → setup (starts a kit and a desk child and waits) → done once both have ended, or → stopped as soon as
     * one is rejected.
     */
    static WorkflowDefinition hire() {
        ChildTickets children = new ChildTickets(List.of(
                new ChildTickets.Child("kit", null, Map.of("user", "employee"), "submit"),
                new ChildTickets.Child("desk", "Desk for the new hire", Map.of("site", "office"), "submit")),
                "rejected > 0", "stop", "ready");
        return new WorkflowDefinition("hire", "Hire", null, false, List.of(), List.of(
                new FieldDef("employee", "Employee", FieldType.USER, List.of()),
                new FieldDef("office", "Office", FieldType.TEXT, List.of())), List.of(
                new StateDef("draft", "Draft", StateType.START, 1, false,
                        Map.of("employee", FieldAccess.REQUIRED, "office", FieldAccess.OPTIONAL),
                        ParticipantRule.of(ParticipantKind.CREATOR), null),
                new StateDef("setup", "Set-up", StateType.NORMAL, 2, false, Map.of("employee", FieldAccess.READ_ONLY),
                        null, null, null, false, null, children), done(3),
                new StateDef("stopped", "Stopped", StateType.END, 4, false, Map.of(), null, null)),
                List.of(transition("submit", "draft", "setup", TransitionKind.AGREE),
                        new TransitionDef("ready", "ready", "setup", "done", TransitionKind.AGREE, false, List.of()),
                        new TransitionDef("stop", "stop", "setup", "stopped", TransitionKind.REJECT, false,
                                List.of())));
    }

    /**
     * draft → approval (bob, reminded after 1 s and again 1 s later, escalated to sue by notice after 2 s) →
     * expired by itself after 8 s, unless approved.
     */
    static WorkflowDefinition quick() {
        StateTimers timers = new StateTimers(new StateTimers.Timeout("PT8S", "expire"),
                new StateTimers.Reminders("PT1S", "PT1S", 2),
                new StateTimers.Sla("PT2S", new StateTimers.Escalation(StateTimers.Escalation.Kind.NOTIFY,
                        List.of("sue"))));
        return new WorkflowDefinition("quick", "Quick", null, false, List.of(), List.of(), List.of(draft(),
                new StateDef("approval", "Approval", StateType.NORMAL, 2, false, Map.of(),
                        ParticipantRule.of(ParticipantKind.USER, "bob"), Distribution.ANY_ONE, null, false, null,
                        null, timers), done(3),
                new StateDef("expired", "Expired", StateType.END, 4, false, Map.of(), null, null)),
                List.of(transition("submit", "draft", "approval", TransitionKind.AGREE),
                        transition("approve", "approval", "done", TransitionKind.AGREE),
                        new TransitionDef("expire", "expire", "approval", "expired", TransitionKind.REJECT, false,
                                List.of())));
    }

    /**
     * draft → check (the identity system, by a signed sync hook) → approval (lena) → done; a failed check ends the
     * request at refused before anyone sees it.
     */
    static WorkflowDefinition vetted() {
        HookDef hook = new HookDef("http://127.0.0.1:" + iam.getAddress().getPort() + "/check", HookDef.Mode.SYNC,
                "iam", Map.of("system", "app"), 5, 3, "passed", "failed");
        return new WorkflowDefinition("vetted", "Vetted access", null, false, List.of(), List.of(
                new FieldDef("system", "System", FieldType.TEXT, List.of()),
                new FieldDef("account", "Account", FieldType.TEXT, List.of())), List.of(
                new StateDef("draft", "Draft", StateType.START, 1, false, Map.of("system", FieldAccess.REQUIRED),
                        ParticipantRule.of(ParticipantKind.CREATOR), null),
                new StateDef("check", "Check", StateType.NORMAL, 2, false, Map.of(), null, null, null, false, null,
                        null, null, hook),
                new StateDef("approval", "Approval", StateType.NORMAL, 3, false,
                        Map.of("system", FieldAccess.READ_ONLY, "account", FieldAccess.READ_ONLY),
                        ParticipantRule.of(ParticipantKind.USER, "lena"), Distribution.ANY_ONE), done(4),
                new StateDef("refused", "Refused", StateType.END, 5, false, Map.of(), null, null)),
                List.of(transition("submit", "draft", "check", TransitionKind.AGREE),
                        new TransitionDef("passed", "passed", "check", "approval", TransitionKind.AGREE, false,
                                List.of()),
                        new TransitionDef("failed", "failed", "check", "refused", TransitionKind.REJECT, false,
                                List.of()),
                        transition("grant", "approval", "done", TransitionKind.AGREE)));
    }

    /** draft → review (lena) → done; only engineering may start one, once a day. */
    static WorkflowDefinition badge() {
        return new WorkflowDefinition("badge", "Badge request", null, false, List.of(), List.of(), List.of(draft(),
                new StateDef("review", "Review", StateType.NORMAL, 2, false, Map.of(),
                        ParticipantRule.of(ParticipantKind.USER, "lena"), Distribution.ANY_ONE), done(3)),
                List.of(transition("submit", "draft", "review", TransitionKind.AGREE),
                        transition("issue", "review", "done", TransitionKind.AGREE)),
                new StartPermission(List.of(), List.of("engineering"), List.of(),
                        new StartPermission.RateLimit(1, 24)));
    }

    static void publish(WorkflowDefinition definition) {
        config.post("admin", "/workflows/import?publish=true", definition).expectStatus().is2xxSuccessful();
    }

    // --- steps ------------------------------------------------------------------------------------------------------

    record Written(String ticketId, long version) {
    }

    static JsonNode json(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Submits a ticket, waiting until ticket-command has the freshly published workflow. */
    static Written submit(String workflow) {
        return submit(workflow, Map.of());
    }

    static Written submit(String workflow, Map<String, Object> fields) {
        JsonNode[] created = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> created[0] = json(commands.post("alice", "/tickets",
                        Map.of("workflow", workflow, "title", "alice's " + workflow, "fields", fields,
                                "transition", "submit"))
                .expectStatus().isCreated().expectBody().returnResult().getResponseBody()));
        return new Written(created[0].get("ticketId").asText(), created[0].get("version").asLong());
    }

    static Written act(String user, Written ticket, String action, Map<String, Object> body) {
        JsonNode result = json(commands.post(user, "/tickets/" + ticket.ticketId() + "/" + action, body)
                .expectStatus().isOk().expectBody().returnResult().getResponseBody());
        return new Written(ticket.ticketId(), result.get("version").asLong());
    }

    static Written handle(String user, Written ticket, String transition) {
        return act(user, ticket, "handle", Map.of("transition", transition));
    }

    static JsonNode detail(String user, Written after) {
        return json(queries.get(user, "/tickets/" + after.ticketId() + "?minVersion=" + after.version())
                .expectStatus().isOk().expectBody().returnResult().getResponseBody());
    }

    static List<String> todo(String user, Written after) {
        JsonNode page = json(queries.get(user, "/tickets/todo?limit=100&consistentWith=" + after.ticketId() + ":"
                + after.version()).expectStatus().isOk().expectBody().returnResult().getResponseBody());
        return StreamSupport.stream(page.get("items").spliterator(), false).map(i -> i.get("ticketId").asText()).toList();
    }

    static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    /** The ticket after the panel voted in order, each {@code user=transition}. */
    static JsonNode vote(String workflow, String... votes) {
        Written ticket = submit(workflow);
        for (String vote : votes) {
            String[] userAndTransition = vote.split("=");
            ticket = handle(userAndTransition[0], ticket, userAndTransition[1]);
        }
        return detail("alice", ticket);
    }

    // --- tests ------------------------------------------------------------------------------------------------------

    @Test
    void countersignDecidesByEachPolicy() {
        JsonNode veto = vote("panel-veto", "lena=approve", "sam=reject");
        assertThat(veto.get("status").asText()).isEqualTo("REJECTED");
        assertThat(veto.at("/state/key").asText()).isEqualTo("draft");

        JsonNode unanimousStillVoting = vote("panel-unanimous", "lena=reject", "sam=approve");
        assertThat(unanimousStillVoting.at("/state/key").asText()).isEqualTo("review");
        assertThat(texts(unanimousStillVoting.at("/assignment/participants"))).containsExactly("dina");
        assertThat(texts(unanimousStillVoting.at("/assignment/done"))).containsExactly("lena", "sam");
        JsonNode unanimous = vote("panel-unanimous", "lena=reject", "sam=approve", "dina=approve");
        assertThat(unanimous.get("status").asText()).isEqualTo("REJECTED");
        assertThat(unanimous.at("/state/key").asText()).isEqualTo("draft");

        JsonNode quorum = vote("panel-quorum", "lena=reject", "sam=approve", "dina=approve");
        assertThat(quorum.get("status").asText()).isEqualTo("FINISHED");
        JsonNode quorumEarly = vote("panel-quorum", "lena=approve", "sam=approve");
        assertThat(quorumEarly.get("status").asText()).isEqualTo("FINISHED");

        JsonNode last = vote("panel-last", "lena=approve", "sam=approve", "dina=reject");
        assertThat(last.get("status").asText()).isEqualTo("REJECTED");
        JsonNode lastAgrees = vote("panel-last", "lena=reject", "sam=reject", "dina=approve");
        assertThat(lastAgrees.get("status").asText()).isEqualTo("FINISHED");
    }

    @Test
    void aSequenceHandsOnInOrderAndAReleasedTicketGoesBackToThePool() {
        Written ticket = submit("relay");
        assertThat(todo("lena", ticket)).contains(ticket.ticketId());
        assertThat(todo("sam", ticket)).doesNotContain(ticket.ticketId());
        assertThat(texts(detail("lena", ticket).at("/assignment/next"))).containsExactly("sam");
        commands.post("sam", "/tickets/" + ticket.ticketId() + "/handle", Map.of("transition", "sign"))
                .expectStatus().isForbidden();

        ticket = handle("lena", ticket, "sign");
        assertThat(todo("sam", ticket)).contains(ticket.ticketId());
        assertThat(todo("lena", ticket)).doesNotContain(ticket.ticketId());
        ticket = handle("sam", ticket, "sign");
        assertThat(detail("ops1", ticket).at("/state/key").asText()).isEqualTo("ops");

        ticket = act("ops1", ticket, "accept", Map.of());
        JsonNode accepted = detail("ops1", ticket);
        assertThat(accepted.at("/actions/release").asBoolean()).isTrue();
        assertThat(todo("ops2", ticket)).doesNotContain(ticket.ticketId());

        ticket = act("ops1", ticket, "release", Map.of("comment", "no time today"));
        JsonNode released = detail("ops2", ticket);
        assertThat(released.at("/assignment/awaitingAccept").asBoolean()).isTrue();
        assertThat(released.at("/actions/accept").asBoolean()).isTrue();
        assertThat(todo("ops2", ticket)).contains(ticket.ticketId());

        ticket = act("ops2", ticket, "accept", Map.of());
        ticket = handle("ops2", ticket, "complete");
        assertThat(detail("alice", ticket).get("status").asText()).isEqualTo("FINISHED");
        JsonNode log = json(queries.get("alice", "/tickets/" + ticket.ticketId() + "/flow-log?minVersion="
                + ticket.version()).expectStatus().isOk().expectBody().returnResult().getResponseBody());
        List<String> actions = StreamSupport.stream(log.get("entries").spliterator(), false)
                .map(i -> i.get("action").asText() + ":" + i.get("actor").asText()).toList();
        assertThat(actions).containsExactly("create:alice", "handle:alice", "countersign:lena", "handle:sam",
                "accept:ops1", "release:ops1", "accept:ops2", "handle:ops2");
    }

    @Test
    void aTicketSentBackWithResubmitToMeComesStraightBackToTheSender() {
        Written ticket = submit("leave-request", Map.of("days", 2));
        ticket = handle("lena", ticket, "leader_approve");
        ticket = act("ops2", ticket, "accept", Map.of());
        commands.post("ops2", "/tickets/" + ticket.ticketId() + "/send-back", Map.of("toState", "director_approval"))
                .expectStatus().isEqualTo(422);

        ticket = act("ops2", ticket, "send-back", Map.of("toState", "draft", "comment", "which dates?",
                "resubmitToMe", true));
        JsonNode sentBack = detail("alice", ticket);
        assertThat(sentBack.at("/state/key").asText()).isEqualTo("draft");
        assertThat(todo("alice", ticket)).contains(ticket.ticketId());
        assertThat(todo("ops2", ticket)).doesNotContain(ticket.ticketId());

        ticket = handle("alice", ticket, "submit");
        JsonNode back = detail("ops2", ticket);
        assertThat(back.at("/state/key").asText()).isEqualTo("ops_handling");
        assertThat(texts(back.at("/assignment/participants"))).containsExactly("ops2");
        assertThat(todo("lena", ticket)).doesNotContain(ticket.ticketId());
        ticket = handle("ops2", ticket, "complete");
        assertThat(detail("alice", ticket).get("status").asText()).isEqualTo("FINISHED");
    }

    @Test
    void theCreatorWithdrawsWhileTheLeaderHasNotDecided() {
        Written ticket = submit("leave-request", Map.of("days", 1));
        assertThat(detail("alice", ticket).at("/actions/withdraw").asBoolean()).isTrue();
        commands.post("lena", "/tickets/" + ticket.ticketId() + "/withdraw", Map.of()).expectStatus().isForbidden();

        ticket = act("alice", ticket, "withdraw", Map.of("comment", "plans changed"));
        JsonNode withdrawn = detail("alice", ticket);
        assertThat(withdrawn.get("status").asText()).isEqualTo("DRAFT");
        assertThat(todo("lena", ticket)).doesNotContain(ticket.ticketId());

        ticket = handle("alice", ticket, "submit");
        ticket = handle("lena", ticket, "leader_approve");
        commands.post("alice", "/tickets/" + ticket.ticketId() + "/withdraw", Map.of()).expectStatus().isEqualTo(409);
    }

    @Test
    void anAdminReassignsTheWorkAndMovesTheTicketWhereItMustBe() {
        SignedClient console = new SignedClient(services.url("ticket-command"), ADMIN, ADMIN_SECRET);
        Written ticket = submit("leave-request", Map.of("days", 1));
        commands.post("lena", "/tickets/" + ticket.ticketId() + "/reassign", Map.of("to", List.of("bob")))
                .expectStatus().isForbidden();

        JsonNode reassigned = json(console.post("root", "/tickets/" + ticket.ticketId() + "/reassign",
                        Map.of("to", List.of("bob"), "reason", "lena is away"))
                .expectStatus().isOk().expectBody().returnResult().getResponseBody());
        ticket = new Written(ticket.ticketId(), reassigned.get("version").asLong());
        assertThat(todo("bob", ticket)).contains(ticket.ticketId());
        assertThat(todo("lena", ticket)).doesNotContain(ticket.ticketId());

        JsonNode jumped = json(console.post("root", "/tickets/" + ticket.ticketId() + "/jump",
                        Map.of("toState", "ops_handling", "reason", "approved by phone"))
                .expectStatus().isOk().expectBody().returnResult().getResponseBody());
        ticket = new Written(ticket.ticketId(), jumped.get("version").asLong());
        JsonNode atOps = detail("ops1", ticket);
        assertThat(atOps.at("/state/key").asText()).isEqualTo("ops_handling");
        assertThat(atOps.at("/assignment/awaitingAccept").asBoolean()).isTrue();
        assertThat(todo("bob", ticket)).doesNotContain(ticket.ticketId());
    }

    @Test
    void copiedUsersReadTheTicketFromTheirCcListAndPatchesAreKeptWithBeforeAndAfter() {
        Written ticket = submit("leave-request", Map.of("days", 2, "reason", "rest"));
        queries.get("sue", "/tickets/" + ticket.ticketId() + "?minVersion=" + ticket.version()).expectStatus()
                .isForbidden();
        ticket = act("alice", ticket, "cc", Map.of("to", List.of("sue"), "comment", "for the team calendar"));
        JsonNode cc = json(queries.get("sue", "/tickets/cc?consistentWith=" + ticket.ticketId() + ":" + ticket.version())
                .expectStatus().isOk().expectBody().returnResult().getResponseBody());
        assertThat(cc.get("items")).extracting(i -> i.get("ticketId").asText()).containsExactly(ticket.ticketId());
        assertThat(detail("sue", ticket).at("/title").asText()).isEqualTo("alice's leave-request");

        commands.post("lena", "/tickets/" + ticket.ticketId() + "/fields", Map.of("fields", Map.of("days", 3)))
                .expectStatus().isEqualTo(422);
        ticket = act("alice", ticket, "remind", Map.of("comment", "any news?"));
        ticket = handle("lena", ticket, "leader_approve");
        ticket = act("ops1", ticket, "accept", Map.of());
        ticket = act("ops1", ticket, "fields", Map.of("fields", Map.of("ops_note", "booked"), "comment", "noted"));
        JsonNode log = json(queries.get("alice", "/tickets/" + ticket.ticketId() + "/flow-log?minVersion="
                + ticket.version()).expectStatus().isOk().expectBody().returnResult().getResponseBody()).get("entries");
        JsonNode patch = log.get(log.size() - 1);
        assertThat(patch.get("action").asText()).isEqualTo("patch");
        assertThat(patch.at("/details/changes/0/after").asText()).isEqualTo("booked");
        assertThat(patch.at("/snapshot/fields/ops_note").asText()).isEqualTo("booked");
        assertThat(StreamSupport.stream(log.spliterator(), false).map(e -> e.get("action").asText()))
                .contains("cc", "remind");
    }

    @Test
    void aStartPermissionLetsOnlyItsUsersStartAndOnlyAsOftenAsItsRateLimitAllows() {
        submit("badge");
        JsonNode limited = json(commands.post("alice", "/tickets", Map.of("workflow", "badge", "title", "another",
                "transition", "submit")).expectStatus().isEqualTo(429).expectBody().returnResult().getResponseBody());
        assertThat(limited.get("code").asText()).isEqualTo("rate-limited");
        JsonNode outsider = json(commands.post("sue", "/tickets", Map.of("workflow", "badge", "title", "mine"))
                .expectStatus().isForbidden().expectBody().returnResult().getResponseBody());
        assertThat(outsider.get("code").asText()).isEqualTo("not-allowed-to-start");

        JsonNode forAlice = json(commands.get("alice", "/workflows/startable").expectStatus().isOk().expectBody()
                .returnResult().getResponseBody());
        assertThat(forAlice).extracting(w -> w.get("key").asText()).contains("badge", "leave-request");
        assertThat(StreamSupport.stream(forAlice.spliterator(), false).filter(w -> w.get("key").asText()
                .equals("badge")).findFirst().orElseThrow().at("/rateLimit/tickets").asInt()).isEqualTo(1);
        JsonNode forSue = json(commands.get("sue", "/workflows/startable").expectStatus().isOk().expectBody()
                .returnResult().getResponseBody());
        assertThat(forSue).extracting(w -> w.get("key").asText()).doesNotContain("badge").contains("leave-request");
    }

    @Test
    void leastLoadedGivesEachNewTicketToWhoeverHasTheLeastOpenWork() throws Exception {
        List<String> assignees = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Written ticket = submit("balance");
            assignees.add(texts(detail("alice", ticket).at("/assignment/participants")).get(0));
            awaitOpenWorkOf(ticket);
        }
        assertThat(assignees).containsExactly("ceo", "oscar", "sara");
    }

    /** The workload follows the event store by a moment; the next choice must see this ticket. */
    static void awaitOpenWorkOf(Written ticket) throws Exception {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(db.jdbcUrl(), db.username(),
                db.password())) {
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                try (var statement = c.prepareStatement(
                        "SELECT count(*) FROM ticket_command.open_work WHERE ticket_id = ?")) {
                    statement.setString(1, ticket.ticketId());
                    try (var rows = statement.executeQuery()) {
                        return rows.next() && rows.getInt(1) > 0;
                    }
                }
            });
        }
    }

    @Test
    void addSignBeforeAfterAndInParallelWithSeveralSigners() {
        // before lena, one after another: sue, then bob; then lena decides
        Written before = submit("leave-request", Map.of("days", 1));
        before = act("lena", before, "add-sign", Map.of("users", List.of("sue", "bob"), "position", "BEFORE",
                "mode", "SEQUENTIAL", "comment", "your views first"));
        assertThat(todo("sue", before)).contains(before.ticketId());
        assertThat(todo("bob", before)).doesNotContain(before.ticketId());
        assertThat(todo("lena", before)).doesNotContain(before.ticketId());
        assertThat(detail("sue", before).at("/actions/finishSign").asBoolean()).isTrue();
        commands.post("lena", "/tickets/" + before.ticketId() + "/handle", Map.of("transition", "leader_approve"))
                .expectStatus().isEqualTo(409);
        before = act("sue", before, "finish-sign", Map.of("comment", "fine"));
        assertThat(todo("bob", before)).contains(before.ticketId());
        before = act("bob", before, "finish-sign", Map.of("agree", false, "comment", "too soon"));
        assertThat(todo("lena", before)).contains(before.ticketId());
        before = handle("lena", before, "leader_approve");
        assertThat(detail("alice", before).at("/state/key").asText()).isEqualTo("ops_handling");

        // after lena, all of dirk and bob: her approval waits for both, then takes effect
        Written after = submit("leave-request", Map.of("days", 1));
        after = act("lena", after, "add-sign", Map.of("users", List.of("dirk", "bob"), "position", "AFTER",
                "mode", "ALL", "transition", "leader_approve"));
        after = act("dirk", after, "finish-sign", Map.of());
        JsonNode halfway = detail("bob", after);
        assertThat(halfway.at("/state/key").asText()).isEqualTo("leader_approval");
        assertThat(texts(halfway.at("/assignment/participants"))).containsExactly("bob");
        after = act("bob", after, "finish-sign", Map.of("comment", "agreed"));
        assertThat(detail("alice", after).at("/state/key").asText()).isEqualTo("ops_handling");
        JsonNode log = json(queries.get("alice", "/tickets/" + after.ticketId() + "/flow-log?minVersion="
                + after.version()).expectStatus().isOk().expectBody().returnResult().getResponseBody()).get("entries");
        assertThat(StreamSupport.stream(log.spliterator(), false).map(e -> e.get("action").asText() + ":"
                + e.get("actor").asText())).containsExactly("create:alice", "handle:alice", "addSign:lena",
                "finishSign:dirk", "finishSign:bob", "handle:lena");
        assertThat(log.get(2).at("/details/position").asText()).isEqualTo("AFTER");
        assertThat(log.get(2).at("/details/held").asText()).isEqualTo("leader_approve");

        // after lena, and one objects: the ticket comes back to her undecided
        Written objected = submit("leave-request", Map.of("days", 1));
        objected = act("lena", objected, "add-sign", Map.of("users", List.of("sue"), "position", "AFTER",
                "transition", "leader_approve"));
        objected = act("sue", objected, "finish-sign", Map.of("agree", false, "comment", "no cover that week"));
        JsonNode returned = detail("lena", objected);
        assertThat(returned.at("/state/key").asText()).isEqualTo("leader_approval");
        assertThat(texts(returned.at("/assignment/participants"))).containsExactly("lena");

        // in parallel, all must act: lena and sue vote as in a countersign
        Written parallel = submit("leave-request", Map.of("days", 1));
        parallel = act("lena", parallel, "add-sign", Map.of("users", List.of("sue"), "position", "PARALLEL",
                "mode", "ALL"));
        assertThat(todo("sue", parallel)).contains(parallel.ticketId());
        parallel = handle("sue", parallel, "leader_approve");
        assertThat(detail("alice", parallel).at("/state/key").asText()).isEqualTo("leader_approval");
        parallel = handle("lena", parallel, "leader_approve");
        assertThat(detail("alice", parallel).at("/state/key").asText()).isEqualTo("ops_handling");

        // bad requests change nothing
        Written refused = submit("leave-request", Map.of("days", 1));
        commands.post("lena", "/tickets/" + refused.ticketId() + "/add-sign", Map.of("users", List.of("sue"),
                "position", "PARALLEL", "mode", "SEQUENTIAL")).expectStatus().isBadRequest();
        commands.post("lena", "/tickets/" + refused.ticketId() + "/add-sign", Map.of("users", List.of("sue"),
                "position", "SIDEWAYS")).expectStatus().isBadRequest()
                .expectHeader().contentType("application/problem+json");
        commands.post("lena", "/tickets/" + refused.ticketId() + "/add-sign", Map.of("users", List.of("ghost")))
                .expectStatus().isNotFound();
        assertThat(detail("lena", refused).get("version").asLong()).isEqualTo(refused.version());
    }

    @Test
    void aDelegateActsForTheDelegatorWhoStillSeesTheTicketAndTheFlowLogRecordsBoth() {
        SignedClient oaConfig = new SignedClient(services.url("workflow-config"), OA, OA_SECRET);
        String id = json(oaConfig.post("dora", "/delegations", Map.of("delegate", "sue",
                        "until", java.time.Instant.now().plus(Duration.ofDays(7)).toString(),
                        "workflows", List.of("cover", "cover-strict"), "reason", "on holiday"))
                .expectStatus().isCreated().expectBody().returnResult().getResponseBody()).get("id").asText();

        // the delegation reaches ticket-command's directory replica a moment later
        Written[] delegated = new Written[1];
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            delegated[0] = submit("cover");
            assertThat(texts(detail("alice", delegated[0]).at("/assignment/participants"))).containsExactly("sue");
        });
        Written ticket = delegated[0];
        JsonNode seen = detail("dora", ticket);
        assertThat(seen.at("/assignment/onBehalfOf/sue").asText()).isEqualTo("dora");
        assertThat(todo("sue", ticket)).contains(ticket.ticketId());
        assertThat(todo("dora", ticket)).doesNotContain(ticket.ticketId());
        JsonNode related = json(queries.get("dora", "/tickets/related?consistentWith=" + ticket.ticketId() + ":"
                + ticket.version()).expectStatus().isOk().expectBody().returnResult().getResponseBody());
        assertThat(related.get("items")).extracting(i -> i.get("ticketId").asText()).contains(ticket.ticketId());
        commands.post("dora", "/tickets/" + ticket.ticketId() + "/handle", Map.of("transition", "approved"))
                .expectStatus().isForbidden();

        ticket = handle("sue", ticket, "approved");
        JsonNode log = json(queries.get("dora", "/tickets/" + ticket.ticketId() + "/flow-log?minVersion="
                + ticket.version()).expectStatus().isOk().expectBody().returnResult().getResponseBody()).get("entries");
        JsonNode approval = log.get(log.size() - 1);
        assertThat(approval.get("actor").asText()).isEqualTo("sue");
        assertThat(approval.at("/details/onBehalfOf").asText()).isEqualTo("dora");
        assertThat(detail("alice", ticket).get("status").asText()).isEqualTo("FINISHED");

        Written strict = submit("cover-strict");
        assertThat(texts(detail("alice", strict).at("/assignment/participants"))).containsExactly("dora");

        oaConfig.delete("dora", "/delegations/" + id).expectStatus().isNoContent();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(texts(detail("alice",
                submit("cover")).at("/assignment/participants"))).containsExactly("dora"));
    }

    /** The ticket once ticket-query shows it answering {@code check} (children are started a moment later). */
    static JsonNode eventually(String user, String ticketId, java.util.function.Predicate<JsonNode> check) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            byte[] body = queries.get(user, "/tickets/" + ticketId).expectBody().returnResult().getResponseBody();
            found[0] = body == null ? null : json(body);
            JsonNode node = found[0];
            assertThat(node != null && node.has("ticketId") && check.test(node))
                    .as("%s as %s sees it: %s", ticketId, user, node).isTrue();
        });
        return found[0];
    }

    @Test
    void childTicketsAdvanceTheirParentWhenAllHaveEndedOrAsSoonAsOneIsRejected() {
        Written hire = submit("hire", Map.of("employee", "bob", "office", "berlin"));
        String kit = hire.ticketId() + "-c1";
        String desk = hire.ticketId() + "-c2";
        JsonNode waiting = eventually("alice", hire.ticketId(), t -> t.get("children").size() == 2);
        assertThat(waiting.at("/state/key").asText()).isEqualTo("setup");
        assertThat(texts(waiting.at("/assignment/participants"))).isEmpty();
        commands.post("alice", "/tickets/" + hire.ticketId() + "/handle", Map.of("transition", "ready"))
                .expectStatus().isForbidden();

        // the kit goes to bob's leader, through the parent's employee field; the desk to dirk
        JsonNode kitTicket = eventually("lena", kit, t -> t.at("/state/key").asText().equals("prepare"));
        assertThat(kitTicket.at("/parent/ticketId").asText()).isEqualTo(hire.ticketId());
        assertThat(kitTicket.at("/workflowKey").asText()).isEqualTo("kit");
        JsonNode deskTicket = eventually("dirk", desk, t -> t.at("/state/key").asText().equals("place"));
        assertThat(deskTicket.get("title").asText()).isEqualTo("Desk for the new hire");
        assertThat(deskTicket.at("/fields").toString()).contains("berlin");

        handle("lena", new Written(kit, kitTicket.get("version").asLong()), "ship");
        JsonNode halfway = eventually("alice", hire.ticketId(), t -> t.at("/children/0/outcome").asText()
                .equals("FINISHED"));
        assertThat(halfway.at("/state/key").asText()).isEqualTo("setup");
        assertThat(halfway.at("/children/1/outcome").isMissingNode() || halfway.at("/children/1/outcome").isNull())
                .isTrue();
        handle("dirk", new Written(desk, deskTicket.get("version").asLong()), "placed");
        JsonNode ready = eventually("alice", hire.ticketId(), t -> t.get("status").asText().equals("FINISHED"));
        assertThat(ready.at("/state/key").asText()).isEqualTo("done");
        JsonNode log = json(queries.get("alice", "/tickets/" + hire.ticketId() + "/flow-log?minVersion="
                + ready.get("version").asLong()).expectStatus().isOk().expectBody().returnResult().getResponseBody())
                .get("entries");
        assertThat(StreamSupport.stream(log.spliterator(), false).map(e -> e.get("action").asText() + ":"
                + e.get("actor").asText())).containsExactly("create:alice", "handle:alice", "startChildren:alice",
                "childEnded:baton", "childEnded:baton", "handle:baton");

        // one rejection stops the parent at once, though the kit is still open
        Written second = submit("hire", Map.of("employee", "bob", "office", "paris"));
        JsonNode refusedDesk = eventually("dirk", second.ticketId() + "-c2",
                t -> t.at("/state/key").asText().equals("place"));
        handle("dirk", new Written(second.ticketId() + "-c2", refusedDesk.get("version").asLong()), "refuse");
        JsonNode stopped = eventually("alice", second.ticketId(), t -> t.get("status").asText().equals("REJECTED"));
        assertThat(stopped.at("/state/key").asText()).isEqualTo("stopped");
        assertThat(eventually("lena", second.ticketId() + "-c1", t -> true).get("status").asText())
                .isEqualTo("IN_PROGRESS");
    }

    @Test
    void aStatesTimersRemindEscalateAndFinallyExpireTheTicketByThemselves() {
        Written ticket = submit("quick");
        JsonNode expired = eventually("alice", ticket.ticketId(), t -> t.get("status").asText().equals("REJECTED"));
        assertThat(expired.at("/state/key").asText()).isEqualTo("expired");
        JsonNode log = json(queries.get("alice", "/tickets/" + ticket.ticketId() + "/flow-log?minVersion="
                + expired.get("version").asLong()).expectStatus().isOk().expectBody().returnResult()
                .getResponseBody()).get("entries");
        List<String> actions = StreamSupport.stream(log.spliterator(), false)
                .map(e -> e.get("action").asText() + ":" + e.get("actor").asText()).toList();
        assertThat(actions).startsWith("create:alice", "handle:alice", "timers:alice")
                .endsWith("timerFired:baton", "handle:baton");
        assertThat(actions.stream().filter(a -> a.equals("remind:baton"))).hasSize(2);
        assertThat(StreamSupport.stream(log.spliterator(), false)
                .filter(e -> e.get("action").asText().equals("timerFired"))
                .map(e -> e.at("/details/kind").asText())).containsExactlyInAnyOrder("REMINDER", "REMINDER", "SLA",
                "TIMEOUT");
        JsonNode escalation = StreamSupport.stream(log.spliterator(), false)
                .filter(e -> e.at("/details/kind").asText().equals("SLA")).findFirst().orElseThrow();
        assertThat(texts(escalation.at("/details/escalateTo"))).containsExactly("sue");

        // approved in time, the ticket's timers are cancelled: nothing fires once it has moved on
        Written approved = submit("quick");
        approved = handle("bob", approved, "approve");
        JsonNode done = eventually("alice", approved.ticketId(), t -> t.get("status").asText().equals("FINISHED"));
        await().pollDelay(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(json(queries.get("alice", "/tickets/" + done.get("ticketId").asText())
                        .expectStatus().isOk().expectBody().returnResult().getResponseBody()).get("version").asLong())
                        .isEqualTo(done.get("version").asLong()));
    }

    @Test
    void aHookChecksTheRequestBeforeAnyoneSeesItAndItsAnswerDecides() {
        Written known = submit("vetted", Map.of("system", "billing"));
        JsonNode passed = eventually("lena", known.ticketId(), t -> t.at("/state/key").asText().equals("approval"));
        assertThat(texts(passed.at("/assignment/participants"))).containsExactly("lena");
        assertThat(passed.toString()).contains("acc-billing");
        JsonNode log = json(queries.get("alice", "/tickets/" + known.ticketId() + "/flow-log?minVersion="
                + passed.get("version").asLong()).expectStatus().isOk().expectBody().returnResult().getResponseBody())
                .get("entries");
        assertThat(StreamSupport.stream(log.spliterator(), false).map(e -> e.get("action").asText() + ":"
                + e.get("actor").asText())).containsExactly("create:alice", "handle:alice", "hook:alice",
                "hookAnswered:baton", "handle:baton");
        assertThat(log.toString()).doesNotContain(IAM_SECRET).doesNotContain("/check");

        Written unknown = submit("vetted", Map.of("system", "payroll"));
        JsonNode failed = eventually("alice", unknown.ticketId(), t -> t.get("status").asText().equals("REJECTED"));
        assertThat(failed.at("/state/key").asText()).isEqualTo("refused");
        assertThat(todo("lena", new Written(unknown.ticketId(), failed.get("version").asLong())))
                .doesNotContain(unknown.ticketId());
    }

    @Test
    void roundRobinGivesEachNewTicketToTheNextInTurn() {
        List<String> assignees = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Written ticket = submit("rotation");
            assignees.add(texts(detail("alice", ticket).at("/assignment/participants")).get(0));
        }
        assertThat(assignees).containsExactly("ops1", "ops2", "ops3", "ops1");
    }
}
