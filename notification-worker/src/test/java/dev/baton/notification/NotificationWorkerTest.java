package dev.baton.notification;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.api.CloudEventHeaders;
import dev.baton.api.Topics;
import dev.baton.api.app.CallerApp;
import dev.baton.api.ticket.Assignment;
import dev.baton.api.ticket.TicketStatus;
import dev.baton.api.ticket.event.TicketCreated;
import dev.baton.api.ticket.event.TicketEventTypes;
import dev.baton.api.workflow.Distribution;
import dev.baton.notification.consumer.DeadLetters;
import dev.baton.notification.consumer.TicketEventListener;
import dev.baton.notification.delivery.Delivery;
import dev.baton.notification.delivery.DeliveryRepository;
import dev.baton.notification.delivery.DeliveryStatus;
import dev.baton.notification.summary.TicketSummaries;
import dev.baton.notification.WebhookServer.Received;
import dev.baton.support.BatonProperties;
import dev.baton.testing.SignedClient;
import dev.baton.testing.TestDatabases;
import dev.baton.testing.TestKafka;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.test.utils.ContainerTestUtils;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

@SpringBootTest(classes = NotificationWorkerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=notification-worker")
@AutoConfigureObservability(tracing = false)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class NotificationWorkerTest {
    static final int MAX_RETRIES = 3;
    static final TestDatabases.Database DB = TestDatabases.create("nw");
    static final WebhookServer WEBHOOK = WebhookServer.start();
    static final TicketEvents EVENTS = new TicketEvents(TestKafka.bootstrapServers());
    static final AtomicBoolean CONFIG_PUBLISHED = new AtomicBoolean();
    static final CallerApp OPS = new CallerApp("ops-console", "Ops console", "ops-secret", true, List.of(), true);
    static final CallerApp PORTAL = new CallerApp("hr-portal", "HR portal", "portal-secret", false, List.of("*"), true);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> DB.jdbcUrl() + "?currentSchema=notification_worker");
        registry.add("spring.datasource.username", DB::username);
        registry.add("spring.datasource.password", DB::password);
        registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
        registry.add("baton.notification.webhook-url", WEBHOOK::url);
        registry.add("baton.notification.timeout", () -> "1s");
        registry.add("baton.notification.retry.max-retries", () -> MAX_RETRIES);
        registry.add("baton.notification.retry.initial-interval", () -> "20ms");
        registry.add("baton.notification.retry.max-interval", () -> "80ms");
    }

    @LocalServerPort
    int port;
    @Autowired
    DeliveryRepository deliveries;
    @Autowired
    MeterRegistry meters;
    @Autowired
    KafkaListenerEndpointRegistry listeners;
    @Autowired
    BatonProperties baton;
    @Autowired
    TicketSummaries summaries;

    /**
     * Waits until the listener's consumers own every partition: a rebalance while a record is being retried would
     * move it to another consumer, which starts counting its attempts afresh (at least once, not exactly N times).
     */
    @BeforeEach
    void publishDirectoryAndApps() {
        if (CONFIG_PUBLISHED.compareAndSet(false, true)) {
            ContainerTestUtils.waitForAssignment(listeners.getListenerContainer(TicketEventListener.LISTENER_ID),
                    baton.kafka().partitions());
            EVENTS.publishDemoDirectory();
            EVENTS.publishApp(OPS);
            EVENTS.publishApp(PORTAL);
        }
    }

    @AfterAll
    static void closeProducer() {
        EVENTS.close();
    }

    @Test
    void aHandledTicketNotifiesItsNewParticipantsWithTitleAndSerialFromItsCreation() {
        String ticket = TicketEvents.newTicketId();
        EVENTS.publish(TicketEvents.draft(ticket, "alice"), 0);
        var handled = TicketEvents.submitted(ticket, "alice",
                new Assignment(Distribution.ACCEPT_FIRST, List.of("lena", "bob"), true, List.of(), null));
        String eventId = EVENTS.publish(handled, 1);

        Received request = awaitRequests(ticket, 1).get(0);

        assertThat(request.header("Content-Type")).startsWith("application/json");
        assertThat(request.header("X-Baton-Event-Type")).isEqualTo("dev.baton.ticket.TicketHandled.v1");
        String deliveryId = request.header("Idempotency-Key");
        assertThat(deliveryId).startsWith(eventId + ":").hasSizeGreaterThan(eventId.length() + 1);
        JsonNode body = request.body();
        assertThat(body.path("deliveryId").asText()).isEqualTo(deliveryId);
        assertThat(body.path("eventId").asText()).isEqualTo(eventId);
        assertThat(body.path("eventType").asText()).isEqualTo("dev.baton.ticket.TicketHandled.v1");
        assertThat(body.path("ticketId").asText()).isEqualTo(ticket);
        assertThat(body.path("serialNo").asText()).isEqualTo("LR-000042");
        assertThat(body.path("title").asText()).isEqualTo("Three days off");
        assertThat(body.path("workflowKey").asText()).isEqualTo("leave-request");
        assertThat(body.path("workflowName").asText()).isEqualTo("Leave request");
        assertThat(body.path("state").path("key").asText()).isEqualTo("leader_approval");
        assertThat(body.path("state").path("name").asText()).isEqualTo("Leader approval");
        assertThat(body.path("action").path("key").asText()).isEqualTo("submit");
        assertThat(body.path("action").path("name").asText()).isEqualTo("Submit");
        assertThat(body.path("reason").asText()).isEqualTo("OFFERED");
        assertThat(body.path("actor").asText()).isEqualTo("alice");
        assertThat(body.path("at").asText()).isEqualTo(handled.at().toString());
        assertThat(body.path("comment").asText()).isEqualTo("Please approve");
        assertThat(body.path("recipients")).hasSize(2);
        assertThat(body.path("recipients").get(0).path("username").asText()).isEqualTo("lena");
        assertThat(body.path("recipients").get(0).path("name").asText()).isEqualTo("Lena");
        assertThat(body.path("recipients").get(0).path("email").asText()).isEqualTo("lena@example.com");
        assertThat(body.path("recipients").get(1).path("email").asText()).isEqualTo("bob@example.com");

        await().untilAsserted(() -> assertThat(deliveries.forTicket(ticket)).singleElement().satisfies(d -> {
            assertThat(d.deliveryId()).isEqualTo(deliveryId);
            assertThat(d.status()).isEqualTo(DeliveryStatus.DELIVERED);
            assertThat(d.attempts()).isEqualTo(1);
            assertThat(d.recipients()).containsExactly("lena", "bob");
        }));
    }

    @Test
    void theActorIsNeverNotifiedAboutTheirOwnAction() {
        String ticket = TicketEvents.newTicketId();
        var created = new TicketCreated(ticket, "OPS-7", "ops-review", 1, "Ops review", "Rack 4 audit", "dina",
                "hr-portal", TicketEvents.now(), Map.of(), TicketEvents.LEADER_APPROVAL,
                new Assignment(Distribution.ALL, List.of("dina", "dirk"), false, List.of(), null),
                TicketStatus.IN_PROGRESS);
        String createdId = EVENTS.publish(created, 0);
        String handledId = EVENTS.publish(TicketEvents.submitted(ticket, "dirk",
                new Assignment(Distribution.ALL, List.of("dirk", "dora"), false, List.of(), null)), 1);

        awaitRequests(ticket, 2);

        assertThat(usernames(WEBHOOK.requestsForEvent(createdId).get(0))).containsExactly("dirk");
        assertThat(WEBHOOK.requestsForEvent(createdId).get(0).body().path("reason").asText()).isEqualTo("ASSIGNED");
        assertThat(usernames(WEBHOOK.requestsForEvent(handledId).get(0))).containsExactly("dora");
    }

    @Test
    void aRedeliveredEventIsNotSentTwice() {
        String ticket = TicketEvents.newTicketId();
        EVENTS.publish(TicketEvents.draft(ticket, "alice"), 0);
        var handled = TicketEvents.submitted(ticket, "alice", Assignment.of(Distribution.ANY_ONE, List.of("lena")));
        String eventId = UUID.randomUUID().toString();
        EVENTS.publish(handled, 1, eventId);
        EVENTS.publish(handled, 1, eventId);
        String markerId = EVENTS.publish(TicketEvents.transferred(ticket, "lena", "ops1"), 2);

        awaitRequestsForEvent(markerId, 1);

        assertThat(WEBHOOK.requestsForEvent(eventId)).hasSize(1);
        assertThat(deliveries.forTicket(ticket)).extracting(Delivery::status, Delivery::attempts)
                .containsOnly(tuple(DeliveryStatus.DELIVERED, 1));
    }

    @Test
    void aFinishedTicketLeavesOnlyItsDeliveries() {
        String ticket = TicketEvents.newTicketId();
        EVENTS.publish(TicketEvents.draft(ticket, "alice"), 0);
        EVENTS.publish(TicketEvents.submitted(ticket, "alice", Assignment.of(Distribution.ANY_ONE, List.of("lena"))), 1);
        assertThat(awaitRequests(ticket, 1).get(0).body().path("title").asText()).isEqualTo("Three days off");

        EVENTS.publish(TicketEvents.finished(ticket, "lena"), 2);

        await().atMost(Duration.ofSeconds(30)).until(() -> summaries.find(ticket).isEmpty());
        assertThat(deliveries.forTicket(ticket)).extracting(Delivery::status).containsExactly(DeliveryStatus.DELIVERED);
    }

    @Test
    void aClosedTicketForgetsItsSummary() {
        String ticket = TicketEvents.newTicketId();
        EVENTS.publish(TicketEvents.draft(ticket, "alice"), 0);
        EVENTS.publish(TicketEvents.submitted(ticket, "alice", Assignment.of(Distribution.ANY_ONE, List.of("lena"))), 1);
        awaitRequests(ticket, 1);

        EVENTS.publish(TicketEvents.closed(ticket, "admin"), 2);

        await().atMost(Duration.ofSeconds(30)).until(() -> summaries.find(ticket).isEmpty());
    }

    @Test
    void aCreationRedeliveredAfterTheTicketEndedIsNotSentAgainAndItsRedeliveredEndForgetsTheSummaryAgain() {
        String ticket = TicketEvents.newTicketId();
        var created = new TicketCreated(ticket, "OPS-8", "ops-review", 1, "Ops review", "Rack 5 audit", "dina",
                "hr-portal", TicketEvents.now(), Map.of(), TicketEvents.LEADER_APPROVAL,
                Assignment.of(Distribution.ANY_ONE, List.of("dirk")), TicketStatus.IN_PROGRESS);
        String createdId = EVENTS.publish(created, 0);
        var finished = TicketEvents.finished(ticket, "dirk");
        String finishedId = EVENTS.publish(finished, 1);
        awaitRequestsForEvent(createdId, 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> summaries.find(ticket).isEmpty());

        // what a consumer restart before the offsets were committed replays
        EVENTS.publish(created, 0, createdId);
        EVENTS.publish(finished, 1, finishedId);
        // the worker handles a ticket's events in order: once this one is sent, the replayed ones were handled
        String markerId = EVENTS.publish(TicketEvents.transferred(ticket, "dirk", "dora"), 2);
        awaitRequestsForEvent(markerId, 1);

        assertThat(WEBHOOK.requestsForEvent(createdId)).hasSize(1);
        assertThat(summaries.find(ticket)).isEmpty();
        await().untilAsserted(() -> assertThat(deliveries.forTicket(ticket))
                .extracting(Delivery::eventId, Delivery::status)
                .containsExactly(tuple(createdId, DeliveryStatus.DELIVERED), tuple(markerId, DeliveryStatus.DELIVERED)));
    }

    @Test
    void aWebhookThatFailsTwiceThenSucceedsGetsExactlyOneSuccessfulDelivery() {
        String ticket = TicketEvents.newTicketId();
        WEBHOOK.answerNext(ticket, 503, 503);
        EVENTS.publish(TicketEvents.draft(ticket, "alice"), 0);
        String eventId = EVENTS.publish(TicketEvents.submitted(ticket, "alice",
                Assignment.of(Distribution.ANY_ONE, List.of("lena"))), 1);
        String markerId = EVENTS.publish(TicketEvents.transferred(ticket, "lena", "ops1"), 2);

        awaitRequestsForEvent(markerId, 1);

        List<Received> attempts = WEBHOOK.requestsForEvent(eventId);
        assertThat(attempts).extracting(Received::answeredWith).containsExactly(503, 503, 200);
        assertThat(attempts).extracting(r -> r.header("Idempotency-Key")).containsOnly(
                attempts.get(0).body().path("deliveryId").asText());
        Delivery delivery = deliveries.find(attempts.get(0).header("Idempotency-Key")).orElseThrow();
        assertThat(delivery.status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(delivery.attempts()).isEqualTo(3);
        assertThat(delivery.lastError()).contains("HTTP 503");
        assertThat(meters.counter("baton.notifications.retried").count()).isGreaterThanOrEqualTo(2);
        assertThat(meters.counter("baton.notifications.failed").count()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aWebhookThatDoesNotAnswerInTimeIsRetried() {
        String ticket = TicketEvents.newTicketId();
        WEBHOOK.delayFirstAnswer(ticket, 1_500);
        String eventId = EVENTS.publish(TicketEvents.transferred(ticket, "lena", "ops2"), 3);

        await().untilAsserted(() -> assertThat(deliveries.forTicket(ticket)).singleElement().satisfies(d -> {
            assertThat(d.status()).isEqualTo(DeliveryStatus.DELIVERED);
            assertThat(d.attempts()).isEqualTo(2);
            assertThat(d.lastError()).contains("No answer within 1000 ms");
        }));
        assertThat(WEBHOOK.requestsForEvent(eventId)).hasSize(2);
    }

    @Test
    void aWebhookThatAlwaysFailsEndsInTheDeadLetterTopicAndTheDeliveryIsDead() throws Exception {
        String ticket = TicketEvents.newTicketId();
        WEBHOOK.alwaysAnswer(ticket, 500);
        var transferred = TicketEvents.transferred(ticket, "lena", "ops3");
        String eventId = EVENTS.publish(transferred, 4);

        await().untilAsserted(() -> assertThat(deliveries.forTicket(ticket)).singleElement().satisfies(d -> {
            assertThat(d.status()).isEqualTo(DeliveryStatus.DEAD);
            assertThat(d.attempts()).isEqualTo(1 + MAX_RETRIES);
            assertThat(d.lastError()).contains("HTTP 500");
        }));
        assertThat(WEBHOOK.requestsForEvent(eventId)).hasSize(1 + MAX_RETRIES);

        ConsumerRecord<String, String> dead = awaitDeadLetter(ticket);
        assertThat(TicketEvents.header(dead, CloudEventHeaders.ID)).isEqualTo(eventId);
        assertThat(TicketEvents.header(dead, CloudEventHeaders.TYPE))
                .isEqualTo(TicketEventTypes.ceType(transferred.getClass()));
        assertThat(TicketEvents.header(dead, DeadLetters.FAILURE_REASON)).contains("HTTP 500");
        assertThat(TicketEvents.header(dead, DeadLetters.DELIVERY_ID)).startsWith(eventId + ":");
        assertThat(TicketEvents.header(dead, "kafka_dlt-original-topic")).isEqualTo(Topics.TICKET_EVENTS);
        assertThat(dead.value()).isEqualTo(TicketEvents.JSON.writeValueAsString(transferred));
        assertThat(meters.counter("baton.notifications.dead.lettered").count()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aWebhookAnswering400IsDeadLetteredWithoutRetries() {
        String ticket = TicketEvents.newTicketId();
        WEBHOOK.answerNext(ticket, 400);
        String eventId = EVENTS.publish(TicketEvents.transferred(ticket, "lena", "ops4"), 5);
        String markerId = EVENTS.publish(TicketEvents.transferred(ticket, "ops4", "ops5"), 6);

        awaitRequestsForEvent(markerId, 1);

        assertThat(WEBHOOK.requestsForEvent(eventId)).extracting(Received::answeredWith).containsExactly(400);
        String deliveryId = WEBHOOK.requestsForEvent(eventId).get(0).header("Idempotency-Key");
        await().untilAsserted(() -> assertThat(deliveries.find(deliveryId)).hasValueSatisfying(d -> {
            assertThat(d.status()).isEqualTo(DeliveryStatus.DEAD);
            assertThat(d.attempts()).isEqualTo(1);
            assertThat(d.lastError()).contains("HTTP 400");
        }));
        assertThat(TicketEvents.header(awaitDeadLetter(ticket), CloudEventHeaders.ID)).isEqualTo(eventId);
    }

    @Test
    void anEventOfUnknownTypeIsIgnored() {
        String ticket = TicketEvents.newTicketId();
        String unknownId = UUID.randomUUID().toString();
        EVENTS.publishRaw(ticket, "dev.baton.ticket.TicketTeleported.v1", unknownId, 0,
                "{\"ticketId\":\"" + ticket + "\",\"actor\":\"alice\",\"to\":\"bob\"}");
        String markerId = EVENTS.publish(TicketEvents.transferred(ticket, "alice", "bob"), 1);

        awaitRequestsForEvent(markerId, 1);

        assertThat(WEBHOOK.requestsFor(ticket)).hasSize(1);
        await().untilAsserted(() -> assertThat(deliveries.forTicket(ticket)).extracting(Delivery::eventId)
                .containsExactly(markerId));
        assertThat(EVENTS.read(DeadLetters.TOPIC, ticket)).isEmpty();
    }

    @Test
    void aRecipientUnknownToTheDirectoryIsSentWithTheUsernameOnly() {
        String ticket = TicketEvents.newTicketId();
        EVENTS.publish(TicketEvents.transferred(ticket, "lena", "zed"), 7);

        JsonNode body = awaitRequests(ticket, 1).get(0).body();

        assertThat(body.path("recipients")).hasSize(1);
        JsonNode zed = body.path("recipients").get(0);
        assertThat(zed.path("username").asText()).isEqualTo("zed");
        assertThat(zed.has("name")).isFalse();
        assertThat(zed.has("email")).isFalse();
        assertThat(body.path("reason").asText()).isEqualTo("TRANSFERRED");
        assertThat(body.path("title").isNull()).as("creation never seen").isTrue();
    }

    @Test
    void deliveriesOfATicketAreListedForAdminCallersOnly() {
        String ticket = TicketEvents.newTicketId();
        EVENTS.publish(TicketEvents.draft(ticket, "alice"), 0);
        EVENTS.publish(TicketEvents.submitted(ticket, "alice",
                new Assignment(Distribution.ACCEPT_FIRST, List.of("lena", "bob"), true, List.of(), null)), 1);
        await().until(() -> !deliveries.forTicket(ticket).isEmpty());
        String path = "/deliveries?ticketId=" + ticket;
        SignedClient ops = new SignedClient("http://127.0.0.1:" + port, OPS.appId(), OPS.secret());

        WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build().get().uri(path).exchange()
                .expectStatus().isUnauthorized();
        ops.as(PORTAL.appId(), PORTAL.secret()).get("alice", path).expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://baton.dev/problems/admin-required");
        ops.get("operator", path).expectStatus().isOk()
                .expectBody()
                .jsonPath("$.length()").isEqualTo(1)
                .jsonPath("$[0].ticketId").isEqualTo(ticket)
                .jsonPath("$[0].status").isEqualTo("DELIVERED")
                .jsonPath("$[0].attempts").isEqualTo(1)
                .jsonPath("$[0].recipients[0]").isEqualTo("lena")
                .jsonPath("$[0].recipients[1]").isEqualTo("bob");
    }

    @Test
    void notificationCountersAreExposedToPrometheus() {
        WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build().get().uri("/actuator/prometheus")
                .exchange().expectStatus().isOk().expectBody(String.class).value(text -> assertThat(text)
                        .contains("baton_notifications_delivered_total", "baton_notifications_failed_total",
                                "baton_notifications_retried_total", "baton_notifications_dead_lettered_total"));
    }

    private static List<Received> awaitRequests(String ticket, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> WEBHOOK.requestsFor(ticket).size() >= count);
        return WEBHOOK.requestsFor(ticket);
    }

    private static void awaitRequestsForEvent(String eventId, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> WEBHOOK.requestsForEvent(eventId).size() >= count);
    }

    private static ConsumerRecord<String, String> awaitDeadLetter(String ticket) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> EVENTS.read(DeadLetters.TOPIC, ticket),
                found -> !found.isEmpty()).get(0);
    }

    private static List<String> usernames(Received request) {
        return request.body().path("recipients").findValuesAsText("username");
    }
}
