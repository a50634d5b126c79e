package dev.baton.command.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import dev.baton.api.CloudEventHeaders;
import dev.baton.command.contract.EventSchemas;
import dev.baton.api.Topics;
import dev.baton.api.app.CallerApp;
import dev.baton.api.workflow.PublishedWorkflow;
import dev.baton.api.workflow.WorkflowDefinition;
import dev.baton.command.idempotency.IdempotentRequests;
import dev.baton.engine.BatonJson;
import dev.baton.engine.Demo;
import dev.baton.testing.Definitions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class TicketCommandApiTest extends CommandServiceTest {
    @Autowired
    IdempotentRequests idempotency;
    @Autowired
    @Qualifier("eventSerializer")
    Serializer eventSerializer;


    @Test
    void createsATicketAndRelaysItsEventsWithCloudEventsHeaders() throws Exception {
        byte[] response = client().post("alice", "/tickets", Map.of("workflow", "leave-request", "title", "Leave",
                        "fields", Map.of("days", 2), "transition", "submit", "comment", "family"))
                .expectStatus().isCreated()
                .expectHeader().exists("Location")
                .expectBody().returnResult().getResponseBody();
        JsonNode result = body(response);
        String ticketId = result.get("ticketId").asText();
        assertThat(result.get("version").asLong()).isEqualTo(1);
        assertThat(result.get("state").get("key").asText()).isEqualTo("leader_approval");
        assertThat(result.get("participants")).extracting(JsonNode::asText).containsExactly("lena");
        assertThat(result.get("serialNo").asText()).matches("TST-\\d{8}-\\d{6}");

        List<ConsumerRecord<String, byte[]>> records = relayed(ticketId, 2);
        assertThat(records).hasSize(2);
        assertThat(records).extracting(CommandServiceTest::ceType)
                .containsExactly("dev.baton.ticket.TicketCreated.v1", "dev.baton.ticket.TicketHandled.v1");
        ConsumerRecord<String, byte[]> handled = records.get(1);
        assertThat(header(handled, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
        assertThat(header(handled, CloudEventHeaders.SUBJECT)).isEqualTo(ticketId);
        assertThat(header(handled, CloudEventHeaders.SEQUENCE)).isEqualTo("1");
        assertThat(header(handled, CloudEventHeaders.ID)).isNotBlank();
        assertThat(Instant.parse(header(handled, CloudEventHeaders.TIME))).isBeforeOrEqualTo(Instant.now());
        assertThat(records).extracting(r -> header(r, CloudEventHeaders.DATA_SCHEMA)).containsExactly(
                "urn:baton:schema:dev.baton.ticket.TicketCreated.v1",
                "urn:baton:schema:dev.baton.ticket.TicketHandled.v1");
        for (ConsumerRecord<String, byte[]> record : records) {
            assertThat(EventSchemas.violations(JSON.readTree(record.value()),
                    header(record, CloudEventHeaders.DATA_SCHEMA)))
                    .as("the value against the schema its ce_dataschema names").isEmpty();
        }
        JsonNode event = JSON.readTree(handled.value());
        assertThat(event.get("to").get("key").asText()).isEqualTo("leader_approval");
        assertThat(event.get("assignment").get("users")).extracting(JsonNode::asText).containsExactly("lena");
        assertThat(event.get("comment").asText()).isEqualTo("family");
        assertThat(event.has("fields")).as("empty properties are left out").isFalse();
        assertThat(event.get("assignment").has("signRequestedBy")).as("null properties are left out").isFalse();

        var stored = jdbc.queryForMap("SELECT payload, convert_from(meta_data, 'UTF8') AS meta_data, payload_type"
                + " FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = 1", ticketId);
        byte[] payload = (byte[]) stored.get("payload");
        assertThat(payload.length).as("stored deflated").isLessThan(handled.value().length * 2 / 3);
        Object storedEvent = eventSerializer.deserialize(new SimpleSerializedObject<>(payload, byte[].class,
                (String) stored.get("payload_type"), null));
        assertThat((JsonNode) BatonJson.compactMapper().valueToTree(storedEvent)).as("the relay publishes the stored event").isEqualTo(event);
        assertThat(stored.get("meta_data")).as("no correlation metadata").isEqualTo("{}");
        assertThat(stored.get("payload_type")).isEqualTo("TicketHandled");
    }

    @Test
    void aDryRunShowsThePathAndWhoWouldHandleEachStateWithoutCreatingAnything() throws Exception {
        long ticketsBefore = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
        JsonNode path = body(client().post("sue", "/workflows/leave-request/dry-run", Map.of("fields", Map.of("days", 5)))
                .expectStatus().isOk().expectBody().returnResult().getResponseBody());

        assertThat(path.get("creator").asText()).isEqualTo("sue");
        assertThat(path.get("reachesEnd").asBoolean()).isTrue();
        assertThat(path.get("steps")).extracting(s -> s.at("/state/key").asText())
                .containsExactly("draft", "leader_approval", "director_approval", "ops_handling", "done");
        assertThat(path.at("/steps/1/participants")).extracting(JsonNode::asText).containsExactly("sara");
        assertThat(path.at("/steps/2/participants")).extracting(JsonNode::asText).containsExactly("dina", "dirk", "dora");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class)).isEqualTo(ticketsBefore);

        JsonNode shortLeave = body(client().post("sue", "/workflows/leave-request/dry-run",
                        Map.of("creator", "alice", "fields", Map.of("days", 1)))
                .expectStatus().isOk().expectBody().returnResult().getResponseBody());
        assertThat(shortLeave.at("/steps/1/participants/0").asText()).isEqualTo("lena");
        assertThat(shortLeave.at("/steps/2/state/key").asText()).isEqualTo("ops_handling");

        assertThat(body(client().post("sue", "/workflows/leave-request/dry-run", Map.of("fields", Map.of("days", "many")))
                .expectStatus().isBadRequest().expectBody().returnResult().getResponseBody()).get("code").asText())
                .isEqualTo("invalid-field-value");
        client().post("sue", "/workflows/leave-request/dry-run", Map.of("version", 99)).expectStatus().isNotFound();
    }

    @Test
    void theWorkflowsAUserMayStartAreThoseGrantedToTheCallerAndOpenToTheUser() throws Exception {
        // the replicas of the config topics may still be catching up when this test runs first
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(body(client().get("alice",
                        "/workflows/startable").expectStatus().isOk().expectBody().returnResult().getResponseBody()))
                // other tests of this class may grant and publish more workflows; the other app sees none of these
                .extracting(w -> w.get("key").asText()).contains("leave-request"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(body(client().as(OTHER_APP, OTHER_SECRET)
                .get("alice", "/workflows/startable").expectStatus().isOk().expectBody().returnResult()
                .getResponseBody())).isEmpty());
    }

    @Test
    void theTicketAsItWasAfterAnyEventOrAtAnyInstantComesFromTheEventStore() throws Exception {
        String ticketId = submitLeave(2);
        Instant afterSubmit = Instant.now();
        client().post("lena", "/tickets/" + ticketId + "/handle", Map.of("transition", "leader_approve"))
                .expectStatus().isOk();

        JsonNode created = body(client().get("alice", "/tickets/" + ticketId + "/as-of?sequence=0")
                .expectStatus().isOk().expectBody().returnResult().getResponseBody());
        assertThat(created.at("/ticket/state/key").asText()).isEqualTo("draft");
        assertThat(created.at("/ticket/status").asText()).isEqualTo("DRAFT");
        JsonNode submitted = body(client().get("alice", "/tickets/" + ticketId + "/as-of?at=" + afterSubmit)
                .expectStatus().isOk().expectBody().returnResult().getResponseBody());
        assertThat(submitted.get("sequence").asLong()).isEqualTo(1);
        assertThat(submitted.at("/ticket/assignment/users/0").asText()).isEqualTo("lena");
        JsonNode now = body(client().get("lena", "/tickets/" + ticketId + "/as-of")
                .expectStatus().isOk().expectBody().returnResult().getResponseBody());
        assertThat(now.at("/ticket/state/key").asText()).isEqualTo("ops_handling");

        client().get("alice", "/tickets/" + ticketId + "/as-of?sequence=9").expectStatus().isBadRequest();
        client().get("alice", "/tickets/" + ticketId + "/as-of?at=yesterday").expectStatus().isBadRequest();
        client().get("alice", "/tickets/" + ticketId + "/as-of?sequence=abc").expectStatus().isBadRequest()
                .expectHeader().contentType("application/problem+json");
        client().get("alice", "/tickets/" + ticketId + "/as-of?sequence=0&at=" + afterSubmit).expectStatus()
                .isBadRequest();
        client().get("alice", "/tickets/" + ticketId + "/as-of?at=2000-01-01T00:00:00Z").expectStatus().isBadRequest();
        client().get("alice", "/tickets/no-such-ticket/as-of").expectStatus().isNotFound();
        client().get("sam", "/tickets/" + ticketId + "/as-of").expectStatus().isForbidden();
    }

    @Test
    void aWorkflowWithItsOwnSerialPrefixNumbersItsTicketsUnderIt() throws Exception {
        WorkflowDefinition hr = Definitions.withSerialPrefix(Definitions.withKey(Demo.leaveRequest(), "hr-leave"), "HR");
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(new ProducerRecord<>(Topics.CONFIG_APPS, "hr-desk", JSON.writeValueAsString(
                    new CallerApp("hr-desk", "HR desk", "hr-desk-secret", false, List.of("hr-leave"), true)))).get();
            producer.send(new ProducerRecord<>(Topics.CONFIG_WORKFLOWS, "hr-leave@1", JSON.writeValueAsString(
                    new PublishedWorkflow("hr-leave", 1, Instant.now(), "admin", hr)))).get();
        }
        Map<String, Object> leave = Map.of("workflow", "hr-leave", "title", "Leave", "fields", Map.of("days", 2));
        String[] serials = new String[2];
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> serials[0] = body(client()
                .as("hr-desk", "hr-desk-secret").post("alice", "/tickets", leave)
                .expectStatus().isCreated().expectBody().returnResult().getResponseBody()).get("serialNo").asText());
        serials[1] = body(client().as("hr-desk", "hr-desk-secret").post("bob", "/tickets", leave)
                .expectStatus().isCreated().expectBody().returnResult().getResponseBody()).get("serialNo").asText();
        assertThat(serials[0]).matches("HR-\\d{8}-\\d{6}");
        assertThat(serials[1]).isEqualTo(serials[0].substring(0, serials[0].lastIndexOf('-') + 1)
                + String.format("%06d", Long.parseLong(serials[0].substring(serials[0].lastIndexOf('-') + 1)) + 1));
        // the installation's prefix keeps its own count
        assertThat(body(client().post("alice", "/tickets", Map.of("workflow", "leave-request", "title", "Leave",
                        "fields", Map.of("days", 2))).expectStatus().isCreated().expectBody().returnResult()
                .getResponseBody()).get("serialNo").asText()).startsWith("TST-");
    }

    @Test
    void aBulkMigrationChecksTheMappingBeforeChangingAnythingThenMovesEachTicket() throws Exception {
        WorkflowDefinition v1 = Definitions.withKey(Demo.leaveRequest(), "relocation");
        WorkflowDefinition v2 = Definitions.withKey(Definitions.withStateRenamed(Demo.leaveRequest(), "leader_approval",
                "manager_approval", "Manager approval"), "relocation");
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(new ProducerRecord<>(Topics.CONFIG_APPS, APP, JSON.writeValueAsString(
                    new CallerApp(APP, "OA", SECRET, false, List.of("leave-request", "relocation"), true)))).get();
            producer.send(new ProducerRecord<>(Topics.CONFIG_WORKFLOWS, "relocation@1", JSON.writeValueAsString(
                    new PublishedWorkflow("relocation", 1, Instant.now(), "admin", v1)))).get();
        }
        String[] ids = new String[2];
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> ids[0] = body(client().post("alice", "/tickets",
                        Map.of("workflow", "relocation", "title", "Move", "fields", Map.of("days", 2),
                                "transition", "submit"))
                .expectStatus().isCreated().expectBody().returnResult().getResponseBody()).get("ticketId").asText());
        ids[1] = body(client().post("bob", "/tickets", Map.of("workflow", "relocation", "title", "Move too",
                        "fields", Map.of("days", 1), "transition", "submit"))
                .expectStatus().isCreated().expectBody().returnResult().getResponseBody()).get("ticketId").asText();
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(new ProducerRecord<>(Topics.CONFIG_WORKFLOWS, "relocation@2", JSON.writeValueAsString(
                    new PublishedWorkflow("relocation", 2, Instant.now(), "admin", v2)))).get();
        }
        Map<String, Object> unmapped = Map.of("fromVersion", 1, "toVersion", 2, "ticketIds", List.of(ids[0], ids[1]));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(body(client()
                .post("admin", "/workflows/relocation/migrations", unmapped).expectStatus().isEqualTo(422)
                .expectBody().returnResult().getResponseBody()).get("code").asText()).isEqualTo("migration-not-possible"));
        assertThat(eventCount(ids[0])).isEqualTo(2);

        JsonNode outcomes = body(client().post("admin", "/workflows/relocation/migrations", Map.of("fromVersion", 1,
                        "toVersion", 2, "stateMapping", Map.of("leader_approval", "manager_approval"),
                        "ticketIds", List.of(ids[0], ids[1], "no-such-ticket"), "reason", "renamed step"))
                .expectStatus().isOk().expectBody().returnResult().getResponseBody());
        assertThat(outcomes).extracting(o -> o.get("migrated").asBoolean()).containsExactly(true, true, false);
        assertThat(outcomes.get(2).get("code").asText()).isEqualTo("ticket-not-found");
        JsonNode now = body(client().get("alice", "/tickets/" + ids[0] + "/as-of").expectStatus().isOk().expectBody()
                .returnResult().getResponseBody());
        assertThat(now.at("/ticket/workflowVersion").asInt()).isEqualTo(2);
        assertThat(now.at("/ticket/state/key").asText()).isEqualTo("manager_approval");
        client().post("lena", "/tickets/" + ids[0] + "/handle", Map.of("transition", "leader_approve"))
                .expectStatus().isOk();
    }

    @Test
    void concurrentAcceptsLetExactlyOneCandidateWin() throws Exception {
        String ticketId = submitLeave(2);
        client().post("lena", "/tickets/" + ticketId + "/handle", Map.of("transition", "leader_approve"))
                .expectStatus().isOk();
        List<String> candidates = List.of("ops1", "ops2", "ops3", "ops4", "ops5");
        List<Integer> statuses = race(candidates.size(), i ->
                client().post(candidates.get(i), "/tickets/" + ticketId + "/accept", null)
                        .returnResult(byte[].class).getStatus().value());
        assertThat(statuses).as("statuses %s", statuses).filteredOn(s -> s == 200).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(4);
        assertThat(eventCount(ticketId)).isEqualTo(4);
    }

    @Test
    void concurrentHandlesOfOneVersionLetExactlyOneWin() throws Exception {
        String ticketId = submitLeave(2);
        List<Integer> statuses = race(2, i -> client().post("lena", "/tickets/" + ticketId + "/handle",
                        Map.of("transition", i == 0 ? "leader_approve" : "leader_reject", "expectedVersion", 1))
                .returnResult(byte[].class).getStatus().value());
        assertThat(statuses).containsExactlyInAnyOrder(200, 409);
        assertThat(eventCount(ticketId)).isEqualTo(3);
    }

    @Test
    void aRetriedRequestWithTheSameIdempotencyKeyDoesNotActTwice() {
        String key = "create-" + System.nanoTime();
        Map<String, Object> request = Map.of("workflow", "leave-request", "title", "Leave", "fields", Map.of("days", 1),
                "transition", "submit");
        byte[] first = send(key, request).expectStatus().isCreated().expectBody().returnResult().getResponseBody();
        byte[] second = send(key, request).expectStatus().isCreated()
                .expectHeader().valueEquals(IdempotentRequests.REPLAYED, "true")
                .expectBody().returnResult().getResponseBody();
        String ticketId = body(first).get("ticketId").asText();
        assertThat(body(second)).isEqualTo(body(first));
        assertThat(eventCount(ticketId)).isEqualTo(2);

        send(key, Map.of("workflow", "leave-request", "title", "Other")).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.code").isEqualTo("idempotency-key-reused");
    }

    @Test
    void theAnswerIsRecordedForItsIdempotencyKeyEvenWhenTheClientGoesAway() {
        String key = "gone-" + System.nanoTime();
        AtomicBoolean acted = new AtomicBoolean();
        reactor.core.Disposable request = idempotency.run(APP, "alice", key, "POST /test", () ->
                Mono.delay(Duration.ofMillis(500)).then(Mono.fromCallable(() -> {
                    acted.set(true);
                    return ResponseEntity.ok((Object) Map.of("done", true));
                }))).subscribe();
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM idempotent_request WHERE idem_key = ?", Integer.class, key) == 1);
        request.dispose(); // the client's timeout, or its connection closed

        await().atMost(Duration.ofSeconds(10)).until(() -> Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT done FROM idempotent_request WHERE idem_key = ?", Boolean.class, key)));
        assertThat(acted).isTrue();
        assertThat(jdbc.queryForObject("SELECT http_status FROM idempotent_request WHERE idem_key = ?",
                Integer.class, key)).isEqualTo(200);
    }

    @Test
    void aRefusalIsRememberedForItsIdempotencyKey() {
        String key = "bad-" + System.nanoTime();
        Map<String, Object> request = Map.of("workflow", "leave-request", "title", "Leave", "transition", "submit");
        send(key, request).expectStatus().isEqualTo(422).expectBody().jsonPath("$.code").isEqualTo("required-field-missing");
        send(key, request).expectStatus().isEqualTo(422)
                .expectHeader().valueEquals(IdempotentRequests.REPLAYED, "true")
                .expectBody().jsonPath("$.code").isEqualTo("required-field-missing");
    }

    @Test
    void refusedCreationsBetweenTwoAcceptedOnesLeaveConsecutiveSerialNumbers() {
        Map<String, Object> leave = Map.of("workflow", "leave-request", "title", "Leave", "fields", Map.of("days", 1),
                "transition", "submit");
        String key = "serial-" + System.nanoTime();
        long first = serial(send(key, leave).expectStatus().isCreated().expectBody().returnResult().getResponseBody());

        // refused by validation, by the caller's grant, by a rule decided after the ticket was drawn up, and an
        // append that fails: the same key again, after its stored answer is gone, collides with the first ticket
        client().post("alice", "/tickets", Map.of("workflow", "leave-request", "title", " ")).expectStatus()
                .isBadRequest();
        client().as(OTHER_APP, OTHER_SECRET).post("alice", "/tickets", leave).expectStatus().isForbidden();
        client().post("alice", "/tickets", Map.of("workflow", "leave-request", "title", "Leave",
                "transition", "submit")).expectStatus().isEqualTo(422);
        jdbc.update("DELETE FROM idempotent_request WHERE idem_key = ?", key);
        send(key, leave).expectStatus().isEqualTo(409).expectBody().jsonPath("$.code").isEqualTo("already-exists");

        long second = serial(client().post("alice", "/tickets", leave).expectStatus().isCreated().expectBody()
                .returnResult().getResponseBody());
        assertThat(second).isEqualTo(first + 1);
    }

    private long serial(byte[] response) {
        String serialNo = body(response).get("serialNo").asText();
        return Long.parseLong(serialNo.substring(serialNo.lastIndexOf('-') + 1));
    }

    @Test
    void anIdempotencyKeyBelongsToTheUserWhoSentIt() {
        String key = "shared-" + System.nanoTime();
        Map<String, Object> request = Map.of("workflow", "leave-request", "title", "Leave", "fields", Map.of("days", 1));
        JsonNode alices = body(send("alice", key, request).expectStatus().isCreated()
                .expectHeader().doesNotExist(IdempotentRequests.REPLAYED).expectBody().returnResult().getResponseBody());
        JsonNode bobs = body(send("bob", key, request).expectStatus().isCreated()
                .expectHeader().doesNotExist(IdempotentRequests.REPLAYED).expectBody().returnResult().getResponseBody());
        assertThat(bobs.get("ticketId").asText()).isNotEqualTo(alices.get("ticketId").asText());
        assertThat(bobs.get("participants")).extracting(JsonNode::asText).containsExactly("bob");

        // each user's retry gets their own answer; another request under their key is refused as before
        assertThat(body(send("bob", key, request).expectStatus().isCreated()
                .expectHeader().valueEquals(IdempotentRequests.REPLAYED, "true").expectBody().returnResult()
                .getResponseBody())).isEqualTo(bobs);
        assertThat(body(send("alice", key, request).expectStatus().isCreated()
                .expectHeader().valueEquals(IdempotentRequests.REPLAYED, "true").expectBody().returnResult()
                .getResponseBody())).isEqualTo(alices);
        send("bob", key, Map.of("workflow", "leave-request", "title", "Other")).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.code").isEqualTo("idempotency-key-reused");

        // on a ticket action too: the workflow admin's comment under alice's key is the admin's own
        String ticketId = alices.get("ticketId").asText();
        client().prepare(HttpMethod.POST, "alice", "/tickets/" + ticketId + "/comments",
                        dev.baton.testing.SignedClient.bytes(Map.of("comment", "hello")),
                        java.util.UUID.randomUUID().toString(), Instant.now())
                .header(IdempotentRequests.HEADER, key + "-c").exchange().expectStatus().isOk();
        client().prepare(HttpMethod.POST, "admin", "/tickets/" + ticketId + "/comments",
                        dev.baton.testing.SignedClient.bytes(Map.of("comment", "hello")),
                        java.util.UUID.randomUUID().toString(), Instant.now())
                .header(IdempotentRequests.HEADER, key + "-c").exchange().expectStatus().isOk()
                .expectHeader().doesNotExist(IdempotentRequests.REPLAYED);
        assertThat(eventCount(ticketId)).isEqualTo(3);
    }

    @Test
    void aTicketOfAWorkflowNotGrantedToTheCallerIsAnsweredAsAnUnknownTicket() throws Exception {
        String ticketId = submitLeave(2);
        int events = eventCount(ticketId);
        var crm = client().as(OTHER_APP, OTHER_SECRET);
        Map<String, Object> stale = Map.of("expectedVersion", 99);
        Map<String, Object> bodies = new java.util.LinkedHashMap<>();
        bodies.put("handle", Map.of("transition", "leader_approve", "expectedVersion", 99));
        bodies.put("accept", stale);
        bodies.put("release", stale);
        bodies.put("withdraw", stale);
        bodies.put("send-back", Map.of("toState", "draft", "expectedVersion", 99));
        bodies.put("reassign", Map.of("to", List.of("sam"), "expectedVersion", 99));
        bodies.put("jump", Map.of("toState", "done", "expectedVersion", 99));
        bodies.put("fields", Map.of("fields", Map.of("days", 3), "expectedVersion", 99));
        bodies.put("cc", Map.of("to", List.of("sue"), "expectedVersion", 99));
        bodies.put("remind", stale);
        bodies.put("delete", stale);
        bodies.put("migrate", Map.of("toVersion", 2, "expectedVersion", 99));
        bodies.put("transfer", Map.of("to", "sam", "expectedVersion", 99));
        bodies.put("add-sign", Map.of("to", "sam", "expectedVersion", 99));
        bodies.put("finish-sign", stale);
        bodies.put("retry-hook", stale);
        bodies.put("close", stale);
        bodies.put("comments", Map.of("comment", "hi", "expectedVersion", 99));
        String unknown = "no-such-ticket";
        for (Map.Entry<String, Object> action : bodies.entrySet()) {
            JsonNode answer = body(crm.post("lena", "/tickets/" + ticketId + "/" + action.getKey(), action.getValue())
                    .expectStatus().isNotFound().expectBody().returnResult().getResponseBody());
            JsonNode none = body(client().post("lena", "/tickets/" + unknown + "/" + action.getKey(), action.getValue())
                    .expectStatus().isNotFound().expectBody().returnResult().getResponseBody());
            assertThat(answer.get("code").asText()).as(action.getKey()).isEqualTo("ticket-not-found");
            assertThat(answer.get("detail").asText()).as(action.getKey()).isEqualTo("No ticket '" + ticketId + "'");
            assertThat(names(answer)).as(action.getKey()).isEqualTo(names(none));
            assertThat(none.get("detail").asText()).isEqualTo("No ticket '" + unknown + "'");
        }
        JsonNode asOf = body(crm.get("alice", "/tickets/" + ticketId + "/as-of?sequence=0").expectStatus().isNotFound()
                .expectBody().returnResult().getResponseBody());
        assertThat(asOf.get("code").asText()).isEqualTo("ticket-not-found");
        assertThat(asOf.get("detail").asText()).isEqualTo("No ticket '" + ticketId + "'");
        assertThat(body(client().get("alice", "/tickets/" + unknown + "/as-of").expectStatus().isNotFound()
                .expectBody().returnResult().getResponseBody()).get("detail").asText())
                .isEqualTo("No ticket '" + unknown + "'");
        assertThat(eventCount(ticketId)).isEqualTo(events);

        // workflow-scoped calls name the workflow, and are forbidden
        crm.post("alice", "/workflows/leave-request/dry-run", Map.of("fields", Map.of("days", 1)))
                .expectStatus().isForbidden().expectBody().jsonPath("$.code").isEqualTo("workflow-not-granted");
        crm.post("admin", "/workflows/leave-request/migrations", Map.of("fromVersion", 1, "toVersion", 2,
                        "ticketIds", List.of(ticketId)))
                .expectStatus().isForbidden().expectBody().jsonPath("$.code").isEqualTo("workflow-not-granted");
        crm.post("alice", "/tickets", Map.of("workflow", "leave-request", "title", "x"))
                .expectStatus().isForbidden().expectBody().jsonPath("$.code").isEqualTo("workflow-not-granted");
    }

    @Test
    void aCandidateOvertakenByAnotherUsersActionIsToldTheTicketMovedOn() throws Exception {
        String ticketId = submitLeave(5);
        client().post("lena", "/tickets/" + ticketId + "/handle", Map.of("transition", "leader_approve"))
                .expectStatus().isOk();
        // the directors are candidates; an admin reassigns the ticket while one of them accepts it
        List<Integer> statuses = race(2, i -> i == 0
                ? client().post("dina", "/tickets/" + ticketId + "/accept", null).returnResult(byte[].class)
                .getStatus().value()
                : client().post("admin", "/tickets/" + ticketId + "/reassign", Map.of("to", List.of("sam")))
                .returnResult(byte[].class).getStatus().value());
        assertThat(statuses.get(1)).isEqualTo(200);
        assertThat(statuses.get(0)).as("statuses %s", statuses).isIn(200, 409);

        client().post("dirk", "/tickets/" + ticketId + "/accept", null).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.code").isEqualTo("concurrent-modification");
        client().post("sue", "/tickets/" + ticketId + "/accept", null).expectStatus().isForbidden()
                .expectBody().jsonPath("$.code").isEqualTo("not-a-participant");
    }

    private static List<String> names(JsonNode problem) {
        List<String> names = new ArrayList<>();
        problem.fieldNames().forEachRemaining(names::add);
        Collections.sort(names);
        return names;
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec send(String user, String key,
                                                                                         Object body) {
        return client().prepare(HttpMethod.POST, user, "/tickets", dev.baton.testing.SignedClient.bytes(body),
                        java.util.UUID.randomUUID().toString(), Instant.now())
                .header(IdempotentRequests.HEADER, key).exchange();
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec send(String key, Object body) {
        return client().prepare(HttpMethod.POST, "alice", "/tickets", dev.baton.testing.SignedClient.bytes(body),
                java.util.UUID.randomUUID().toString(), Instant.now())
                .header(IdempotentRequests.HEADER, key).exchange();
    }

    interface Attempt {
        int run(int index) throws Exception;
    }

    /** Fires {@code n} requests at once from n threads and returns their statuses. */
    static List<Integer> race(int n, Attempt attempt) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return attempt.run(index);
                }));
            }
            start.countDown();
            List<Integer> statuses = Collections.synchronizedList(new ArrayList<>());
            for (Future<Integer> f : futures) {
                statuses.add(f.get());
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }
}
