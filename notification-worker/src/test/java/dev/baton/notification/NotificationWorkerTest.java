package dev.baton.notification;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.api.CloudEventHeaders;
import dev.baton.api.Topics;
import dev.baton.api.app.CallerApp;
import dev.baton.api.ticket.Assignment;
import dev.baton.api.ticket.TicketStatus;
import dev.baton.api.ticket.TransitionRef;
import dev.baton.api.workflow.TransitionKind;
import dev.baton.api.ticket.event.TicketCreated;
import dev.baton.api.ticket.event.TicketEventTypes;
import dev.baton.api.workflow.Distribution;
import dev.baton.notification.consumer.DeadLetters;
import dev.baton.notification.consumer.TicketEventListener;
import dev.baton.notification.delivery.Delivery;
import dev.baton.notification.delivery.DeliveryRepository;
import dev.baton.notification.delivery.DeliveryStatus;
import dev.baton.api.directory.DirectoryUser;
import dev.baton.api.ticket.event.HookAnswered;
import dev.baton.api.ticket.event.TicketHandled;
import dev.baton.api.ticket.event.TicketWithdrawn;
import dev.baton.api.workflow.NoticeKind;
import dev.baton.api.workflow.NotificationTemplate;
import dev.baton.api.workflow.PublishedWorkflow;
import dev.baton.api.workflow.WorkflowDefinition;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.Base64;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
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
    /** Granted the leave requests only, not the expense workflow. */
    static final CallerApp LEAVE_DESK = new CallerApp("leave-desk", "Leave desk", "leave-desk-secret", false,
            List.of("leave-request"), true);
    static final GreenMail SMTP = startSmtp();
    static final RobotServer ROBOT = new RobotServer();
    /** Told by email only. */
    static final DirectoryUser MIA = new DirectoryUser("mia", "Mia Wong", "mia@example.com", true, List.of(),
            List.of(), List.of("email"), Map.of());
    /** Told by email and in the ops DingTalk group, mentioned by mobile. */
    static final DirectoryUser RAJ = new DirectoryUser("raj", "Raj", "raj@example.com", true, List.of(), List.of(),
            List.of("email", "ops-dingtalk"), Map.of("mobile", "13800001111"));
    /** Wants a channel this worker does not have. */
    static final DirectoryUser NORA = new DirectoryUser("nora", "Nora", null, true, List.of(), List.of(),
            List.of("pager"), Map.of());
    /** A workflow with its own wording of rejections, and one template that cannot render. */
    static final PublishedWorkflow EXPENSE = new PublishedWorkflow("expense", 1, Instant.now(), "admin",
            new WorkflowDefinition("expense", "Expense", null, false, List.of("ops1"), List.of(), List.of(),
                    List.of(), null, null, false, List.of(), List.of(
                    new NotificationTemplate(NoticeKind.REJECTED, "Expense ${ticket.serialNo} rejected",
                            "Hi ${recipient.name}, your claim of ${ticket.fields.amount} EUR was rejected by "
                                    + "${event.actorName}: ${event.comment}. ${ticket.url}"),
                    new NotificationTemplate(NoticeKind.ENDED, null, "${ticket.fields.amount * 'x'}"))));

    static GreenMail startSmtp() {
        GreenMail mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        mail.start();
        return mail;
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> DB.jdbcUrl() + "?currentSchema=notification_worker");
        registry.add("spring.datasource.username", DB::username);
        registry.add("spring.datasource.password", DB::password);
        registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
        registry.add("baton.notification.webhook-url", WEBHOOK::url);
        registry.add("baton.notification.timeout", () -> "1s");
        registry.add("baton.notification.backoff.attempts", () -> 1 + MAX_RETRIES);
        registry.add("baton.notification.backoff.initial", () -> "20ms");
        registry.add("baton.notification.backoff.max", () -> "80ms");
        // one webhook stands for many receivers here, some failing on purpose: its breaker must not hold back the rest
        // (ChannelBreakerTest covers the breaker)
        registry.add("baton.notification.breaker.window", () -> 1000);
        registry.add("baton.notification.breaker.minimum-calls", () -> 1000);
        registry.add("baton.notification.poll-interval", () -> "50ms");
        // longer than the test: deliveries go out because planning (or reviving) one wakes the sender, and retries
        // because the sender waits no later than their due time
        registry.add("baton.notification.idle-poll-interval", () -> "30m");
        registry.add("baton.notification.ticket-url", () -> "https://desk.example.com/tickets/{id}");
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
        registry.add("baton.notification.channels.email.type", () -> "EMAIL");
        registry.add("baton.notification.channels.email.from", () -> "baton@example.com");
        registry.add("baton.notification.channels.ops-dingtalk.type", () -> "DINGTALK");
        registry.add("baton.notification.channels.ops-dingtalk.url", () -> ROBOT.url("/robot/send?access_token=t0k"));
        registry.add("baton.notification.channels.ops-dingtalk.secret", () -> "SEC-robot");
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
    @Autowired
    dev.baton.notification.summary.Retention retention;
    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

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
            EVENTS.publishApp(LEAVE_DESK);
            EVENTS.publishUser(MIA);
            EVENTS.publishUser(RAJ);
            EVENTS.publishUser(NORA);
            EVENTS.publishWorkflow(EXPENSE);
        }
    }

    @AfterAll
    static void closeProducer() {
        EVENTS.close();
        SMTP.stop();
        ROBOT.close();
    }

    @Test
    void aHandledTicketTellsEachNewParticipantOnTheWebhookWithTitleAndSerialFromItsCreation() {
        String ticket = TicketEvents.newTicketId();
        EVENTS.publish(TicketEvents.draft(ticket, "alice"), 0);
        var handled = TicketEvents.submitted(ticket, "alice",
                new Assignment(Distribution.ACCEPT_FIRST, List.of("lena", "bob"), true, List.of(), null));
        String eventId = EVENTS.publish(handled, 1);

        List<Received> requests = awaitRequests(ticket, 2);

        assertThat(requests).extracting(NotificationWorkerTest::usernames)
                .containsExactlyInAnyOrder(List.of("lena"), List.of("bob"));
        Received toLena = requests.stream().filter(r -> usernames(r).equals(List.of("lena"))).findFirst().orElseThrow();
        assertThat(toLena.header("Content-Type")).startsWith("application/json");
        String deliveryId = toLena.header("Idempotency-Key");
        assertThat(deliveryId).startsWith(eventId + ":").hasSizeGreaterThan(eventId.length() + 1);
        JsonNode body = toLena.body();
        assertThat(body.path("deliveryId").asText()).isEqualTo(deliveryId);
        assertThat(body.path("eventId").asText()).isEqualTo(eventId);
        assertThat(body.path("eventType").asText()).isEqualTo("dev.baton.ticket.TicketHandled.v1");
        assertThat(body.path("kind").asText()).isEqualTo("NEW_TODO");
        assertThat(body.path("ticketId").asText()).isEqualTo(ticket);
        assertThat(body.path("serialNo").asText()).isEqualTo("LR-000042");
        assertThat(body.path("title").asText()).isEqualTo("Three days off");
        assertThat(body.path("workflowKey").asText()).isEqualTo("leave-request");
        assertThat(body.path("workflowName").asText()).isEqualTo("Leave request");
        assertThat(body.path("state").path("key").asText()).isEqualTo("leader_approval");
        assertThat(body.path("action").path("key").asText()).isEqualTo("submit");
        assertThat(body.path("reason").asText()).isEqualTo("OFFERED");
        assertThat(body.path("actor").asText()).isEqualTo("alice");
        assertThat(body.path("at").asText()).isEqualTo(handled.at().toString());
        assertThat(body.path("comment").asText()).isEqualTo("Please approve");
        assertThat(body.path("recipients").get(0).path("name").asText()).isEqualTo("Lena");
        assertThat(body.path("recipients").get(0).path("email").asText()).isEqualTo("lena@example.com");
        assertThat(body.path("subject").asText()).isEqualTo("[LR-000042] Three days off: Offered to you");
        assertThat(body.path("text").asText())
                .startsWith("Lena, Leave request \"Three days off\" (LR-000042) waits for you at Leader approval")
                .contains("Please approve").endsWith("https://desk.example.com/tickets/" + ticket);

        await().untilAsserted(() -> assertThat(deliveries.forTicket(ticket))
                .extracting(Delivery::recipient, Delivery::channel, Delivery::kind, Delivery::status, Delivery::attempts)
                .containsExactlyInAnyOrder(tuple("lena", "webhook", "NEW_TODO", DeliveryStatus.DELIVERED, 1),
                        tuple("bob", "webhook", "NEW_TODO", DeliveryStatus.DELIVERED, 1)));
    }

    @Test
    void theActorIsNeverToldAboutTheirOwnAction() {
        String ticket = TicketEvents.newTicketId();
        var created = new TicketCreated(ticket, "OPS-7", "ops-review", 1, "Ops review", "Rack 4 audit", "dina",
                "hr-portal", TicketEvents.now(), Map.of(), TicketEvents.LEADER_APPROVAL,
                new Assignment(Distribution.ALL, List.of("dina", "dirk"), false, List.of(), null),
                TicketStatus.IN_PROGRESS);
        String createdId = EVENTS.publish(created, 0);
        String handledId = EVENTS.publish(TicketEvents.submitted(ticket, "dirk",
                new Assignment(Distribution.ALL, List.of("dirk", "dora"), false, List.of(), null)), 1);

        awaitRequests(ticket, 2);

        assertThat(WEBHOOK.requestsForEvent(createdId)).extracting(NotificationWorkerTest::usernames)
                .containsExactly(List.of("dirk"));
        assertThat(WEBHOOK.requestsForEvent(createdId).get(0).body().path("reason").asText()).isEqualTo("ASSIGNED");
        assertThat(WEBHOOK.requestsForEvent(handledId)).extracting(NotificationWorkerTest::usernames)
                .containsExactly(List.of("dora"));
    }

    @Test
    void aReReadEventIsNotSentTwice() {
        String ticket = TicketEvents.newTicketId();
        EVENTS.publish(TicketEvents.draft(ticket, "alice"), 0);
        var handled = TicketEvents.submitted(ticket, "alice", Assignment.of(Distribution.ANY_ONE, List.of("lena")));
        String eventId = UUID.randomUUID().toString();
        EVENTS.publish(handled, 1, eventId);
        EVENTS.publish(handled, 1, eventId);
        String markerId = EVENTS.publish(TicketEvents.transferred(ticket, "lena", "ops1"), 2);

        awaitRequestsForEvent(markerId, 1);

        assertThat(WEBHOOK.requestsForEvent(eventId)).hasSize(1);
        await().untilAsserted(() -> assertThat(deliveries.forTicket(ticket))
                .extracting(Delivery::status, Delivery::attempts).containsOnly(tuple(DeliveryStatus.DELIVERED, 1))
                .hasSize(2));
    }

    @Test
    void aFinishedTicketTellsItsCreatorAndItsSummaryStaysForTheLog() {
        String ticket = TicketEvents.newTicketId();
        EVENTS.publish(TicketEvents.draft(ticket, "alice"), 0);
        EVENTS.publish(TicketEvents.submitted(ticket, "alice", Assignment.of(Distribution.ANY_ONE, List.of("lena"))), 1);
        String endId = EVENTS.publish(TicketEvents.finished(ticket, "lena"), 2);

        awaitRequestsForEvent(endId, 1);

        Received ended = WEBHOOK.requestsForEvent(endId).get(0);
        assertThat(usernames(ended)).containsExactly("alice");
        assertThat(ended.body().path("kind").asText()).isEqualTo("ENDED");
        assertThat(ended.body().path("text").asText()).startsWith(
                "Leave request \"Three days off\" (LR-000042) is finished.");
        assertThat(summaries.find(ticket)).hasValueSatisfying(s -> {
            assertThat(s.ended()).isTrue();
            assertThat(s.status()).isEqualTo("FINISHED");
            assertThat(s.assignees()).isEmpty();
            assertThat(s.participants()).containsExactlyInAnyOrder("alice", "lena");
        });
    }

    @Test
    void aClosedTicketTellsItsCreator() {
        String ticket = TicketEvents.newTicketId();
        EVENTS.publish(TicketEvents.draft(ticket, "alice"), 0);
        EVENTS.publish(TicketEvents.submitted(ticket, "alice", Assignment.of(Distribution.ANY_ONE, List.of("lena"))), 1);
        String closedId = EVENTS.publish(TicketEvents.closed(ticket, "admin"), 2);

        awaitRequestsForEvent(closedId, 1);

        JsonNode closed = WEBHOOK.requestsForEvent(closedId).get(0).body();
        assertThat(closed.path("reason").asText()).isEqualTo("CLOSED");
        assertThat(closed.path("kind").asText()).isEqualTo("ENDED");
        assertThat(closed.path("recipients").get(0).path("username").asText()).isEqualTo("alice");
        assertThat(summaries.find(ticket).orElseThrow().status()).isEqualTo("CLOSED");
    }

    @Test
    void aWithdrawnTicketTellsThoseWhoHadIt() {
        String ticket = TicketEvents.newTicketId();
        EVENTS.publish(TicketEvents.draft(ticket, "alice"), 0);
        EVENTS.publish(TicketEvents.submitted(ticket, "alice",
                new Assignment(Distribution.ALL, List.of("lena", "bob"), false, List.of(), null)), 1);
        String withdrawnId = EVENTS.publish(new TicketWithdrawn(ticket, "alice", TicketEvents.now(),
                TicketEvents.LEADER_APPROVAL, TicketEvents.DRAFT, "Not needed",
                Assignment.of(Distribution.ANY_ONE, List.of("alice"))), 2);

        awaitRequestsForEvent(withdrawnId, 2);

        assertThat(WEBHOOK.requestsForEvent(withdrawnId)).extracting(NotificationWorkerTest::usernames)
                .containsExactlyInAnyOrder(List.of("lena"), List.of("bob"));
        assertThat(WEBHOOK.requestsForEvent(withdrawnId)).allSatisfy(r ->
                assertThat(r.body().path("kind").asText()).isEqualTo("WITHDRAWN"));
    }

    @Test
    void aRejectionIsWordedByTheWorkflowsOwnTemplateAndMailedToTheCreator() throws Exception {
        String ticket = TicketEvents.newTicketId();
        EVENTS.publish(expenseBy(ticket, "mia"), 0);
        String rejectedId = EVENTS.publish(new TicketHandled(ticket, "lena", TicketEvents.now(),
                new TransitionRef("reject", "Reject", TransitionKind.REJECT), TicketEvents.LEADER_APPROVAL,
                TicketEvents.DRAFT, Map.of(), "Receipt missing", Assignment.of(Distribution.ANY_ONE, List.of("mia")),
                TicketStatus.REJECTED), 1);

        MimeMessage mail = awaitMail("mia@example.com", "Expense EX-9 rejected");

        assertThat(mail.getFrom()[0].toString()).isEqualTo("baton@example.com");
        assertThat(mail.getContent().toString().strip()).isEqualTo("Hi Mia Wong, your claim of 120.5 EUR was "
                + "rejected by Lena: Receipt missing. https://desk.example.com/tickets/" + ticket);
        assertThat(mail.getMessageID()).startsWith("<" + rejectedId + ":").endsWith("@baton>");
        await().untilAsserted(() -> assertThat(deliveries.forTicket(ticket))
                .extracting(Delivery::recipient, Delivery::channel, Delivery::reason, Delivery::status)
                .containsExactly(tuple("mia", "email", "REJECTED", DeliveryStatus.DELIVERED)));
    }

    @Test
    void aWorkflowTemplateThatCannotRenderFallsBackToTheDefaultWording() {
        String ticket = TicketEvents.newTicketId();
        EVENTS.publish(expenseBy(ticket, "mia"), 0);
        EVENTS.publish(TicketEvents.finished(ticket, "lena"), 1);

        MimeMessage mail = awaitMail("mia@example.com", "[EX-9] Taxi to the airport: Finished");

        assertThat(mail).isNotNull();
        assertThat(meters.counter("baton.notifications.template.errors").count()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aUserIsToldOnEveryChannelTheDirectoryNamesForThemAndTheRobotMentionsThemSigned() throws Exception {
        String ticket = TicketEvents.newTicketId();
        EVENTS.publish(TicketEvents.draft(ticket, "alice"), 0);
        EVENTS.publish(TicketEvents.submitted(ticket, "alice", Assignment.of(Distribution.ANY_ONE, List.of("raj"))), 1);

        awaitMail("raj@example.com", "[LR-000042] Three days off: Waiting for you");
        RobotServer.Received message = await().atMost(Duration.ofSeconds(30)).until(() -> ROBOT.received().stream()
                .filter(r -> r.body().path("markdown").path("text").asText().contains(ticket)).findFirst(),
                java.util.Optional::isPresent).orElseThrow();

        assertThat(message.body().path("msgtype").asText()).isEqualTo("markdown");
        assertThat(message.body().path("markdown").path("title").asText())
                .isEqualTo("[LR-000042] Three days off: Waiting for you");
        assertThat(message.body().path("markdown").path("text").asText()).contains("@13800001111");
        assertThat(message.body().path("at").path("atMobiles").get(0).asText()).isEqualTo("13800001111");
        Map<String, String> query = query(message.query());
        assertThat(query).containsEntry("access_token", "t0k");
        assertThat(query.get("sign")).isEqualTo(dingTalkSign(query.get("timestamp"), "SEC-robot"));
        await().untilAsserted(() -> assertThat(deliveries.forTicket(ticket))
                .extracting(Delivery::channel, Delivery::status)
                .containsExactlyInAnyOrder(tuple("email", DeliveryStatus.DELIVERED),
                        tuple("ops-dingtalk", DeliveryStatus.DELIVERED)));
        assertThat(WEBHOOK.requestsFor(ticket)).as("raj named his channels; the default is not his").isEmpty();
    }

    @Test
    void aChannelTheWorkerDoesNotHaveIsDeadAtOnceAndDeadLettered() {
        String ticket = TicketEvents.newTicketId();
        EVENTS.publish(TicketEvents.transferred(ticket, "lena", "nora"), 8);

        await().untilAsserted(() -> assertThat(deliveries.forTicket(ticket)).singleElement().satisfies(d -> {
            assertThat(d.channel()).isEqualTo("pager");
            assertThat(d.status()).isEqualTo(DeliveryStatus.DEAD);
            assertThat(d.attempts()).isEqualTo(1);
            assertThat(d.lastError()).contains("channel named 'pager'");
        }));
        assertThat(TicketEvents.header(awaitDeadLetter(ticket), DeadLetters.CHANNEL)).isEqualTo("pager");
    }

    @Test
    void anExhaustedHookTellsTheWorkflowsAdminsAndTheCreator() {
        String ticket = TicketEvents.newTicketId();
        EVENTS.publish(expenseBy(ticket, "alice"), 0);
        String failedId = EVENTS.publish(new HookAnswered(ticket, "baton", TicketEvents.now(), "h-1", false, true,
                "HTTP 503", Map.of()), 1);

        awaitRequestsForEvent(failedId, 2);

        assertThat(WEBHOOK.requestsForEvent(failedId)).extracting(NotificationWorkerTest::usernames)
                .containsExactlyInAnyOrder(List.of("ops1"), List.of("alice"));
        assertThat(WEBHOOK.requestsForEvent(failedId).get(0).body().path("kind").asText()).isEqualTo("HOOK_FAILED");
        assertThat(WEBHOOK.requestsForEvent(failedId).get(0).body().path("comment").asText()).isEqualTo("HTTP 503");
    }

    @Test
    void aWebhookThatFailsTwiceThenSucceedsGetsExactlyOneSuccessfulDelivery() {
        String ticket = TicketEvents.newTicketId();
        WEBHOOK.answerNext(ticket, 503, 503);
        String eventId = EVENTS.publish(TicketEvents.transferred(ticket, "lena", "ops1"), 2);

        await().atMost(Duration.ofSeconds(30)).until(() -> WEBHOOK.requestsForEvent(eventId).size() >= 3);
        await().untilAsserted(() -> assertThat(deliveries.forTicket(ticket)).singleElement().satisfies(d -> {
            assertThat(d.status()).isEqualTo(DeliveryStatus.DELIVERED);
            assertThat(d.attempts()).isEqualTo(3);
            assertThat(d.lastError()).contains("HTTP 503");
        }));

        List<Received> attempts = WEBHOOK.requestsForEvent(eventId);
        assertThat(attempts).extracting(Received::answeredWith).containsExactly(503, 503, 200);
        assertThat(attempts).extracting(r -> r.header("Idempotency-Key")).containsOnly(
                attempts.get(0).body().path("deliveryId").asText());
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
            assertThat(d.lastError()).contains("No answer");
        }));
        assertThat(WEBHOOK.requestsForEvent(eventId)).hasSize(2);
    }

    @Test
    void aWebhookThatAlwaysFailsIsDeadLetteredAndTheRetryApiSendsItAgain() throws Exception {
        String ticket = TicketEvents.newTicketId();
        WEBHOOK.alwaysAnswer(ticket, 500);
        String eventId = EVENTS.publish(TicketEvents.transferred(ticket, "lena", "ops3"), 4);

        await().untilAsserted(() -> assertThat(deliveries.forTicket(ticket)).singleElement().satisfies(d -> {
            assertThat(d.status()).isEqualTo(DeliveryStatus.DEAD);
            assertThat(d.attempts()).isEqualTo(1 + MAX_RETRIES);
            assertThat(d.lastError()).contains("HTTP 500");
        }));
        assertThat(WEBHOOK.requestsForEvent(eventId)).hasSize(1 + MAX_RETRIES);
        String deliveryId = deliveries.forTicket(ticket).get(0).deliveryId();

        ConsumerRecord<String, String> dead = awaitDeadLetter(ticket);
        assertThat(TicketEvents.header(dead, DeadLetters.DELIVERY_ID)).isEqualTo(deliveryId);
        assertThat(TicketEvents.header(dead, DeadLetters.FAILURE_REASON)).contains("HTTP 500");
        assertThat(TicketEvents.header(dead, DeadLetters.CHANNEL)).isEqualTo("webhook");
        assertThat(TicketEvents.JSON.readTree(dead.value()).path("eventId").asText()).isEqualTo(eventId);
        assertThat(meters.counter("baton.notifications.dead.lettered").count()).isGreaterThanOrEqualTo(1);

        SignedClient ops = new SignedClient("http://127.0.0.1:" + port, OPS.appId(), OPS.secret());
        ops.get("operator", "/deliveries/dead?limit=1000").expectStatus().isOk().expectBody()
                .jsonPath("$[?(@.deliveryId == '" + deliveryId + "')].status").isEqualTo("DEAD");
        WEBHOOK.alwaysAnswer(ticket, 200);
        ops.post("operator", "/deliveries/" + deliveryId + "/retry", Map.of()).expectStatus().isAccepted()
                .expectBody().jsonPath("$.status").isEqualTo("PENDING").jsonPath("$.attempts").isEqualTo(0);

        await().untilAsserted(() -> assertThat(deliveries.find(deliveryId)).hasValueSatisfying(d -> {
            assertThat(d.status()).isEqualTo(DeliveryStatus.DELIVERED);
            assertThat(d.attempts()).isEqualTo(1);
        }));
        ops.post("operator", "/deliveries/" + deliveryId + "/retry", Map.of()).expectStatus().isEqualTo(409)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        ops.post("operator", "/deliveries/nope:0/retry", Map.of()).expectStatus().isNotFound();
        ops.as(PORTAL.appId(), PORTAL.secret()).post("alice", "/deliveries/" + deliveryId + "/retry", Map.of())
                .expectStatus().isForbidden();
    }

    @Test
    void aWebhookAnswering400IsDeadWithoutRetries() {
        String ticket = TicketEvents.newTicketId();
        WEBHOOK.answerNext(ticket, 400);
        String eventId = EVENTS.publish(TicketEvents.transferred(ticket, "lena", "ops4"), 5);

        await().untilAsserted(() -> assertThat(deliveries.forTicket(ticket)).singleElement().satisfies(d -> {
            assertThat(d.status()).isEqualTo(DeliveryStatus.DEAD);
            assertThat(d.attempts()).isEqualTo(1);
            assertThat(d.lastError()).contains("HTTP 400");
        }));
        assertThat(WEBHOOK.requestsForEvent(eventId)).extracting(Received::answeredWith).containsExactly(400);
        assertThat(TicketEvents.header(awaitDeadLetter(ticket), DeadLetters.DELIVERY_ID)).startsWith(eventId + ":");
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
        assertThat(deliveries.forTicket(ticket)).extracting(Delivery::eventId).containsExactly(markerId);
        assertThat(EVENTS.read(DeadLetters.TOPIC, ticket)).isEmpty();
    }

    @Test
    void aRecipientUnknownToTheDirectoryIsSentWithTheUsernameOnly() {
        String ticket = TicketEvents.newTicketId();
        EVENTS.publish(TicketEvents.transferred(ticket, "lena", "zed"), 7);

        JsonNode body = awaitRequests(ticket, 1).get(0).body();

        JsonNode zed = body.path("recipients").get(0);
        assertThat(zed.path("username").asText()).isEqualTo("zed");
        assertThat(zed.has("name")).isFalse();
        assertThat(zed.has("email")).isFalse();
        assertThat(body.path("reason").asText()).isEqualTo("TRANSFERRED");
        assertThat(body.has("title")).as("creation never seen").isFalse();
    }

    @Test
    void aTicketsDeliveryLogIsForItsParticipantsItsWorkflowsAdminsAndAdminApplications() {
        String ticket = TicketEvents.newTicketId();
        EVENTS.publish(expenseBy(ticket, "alice"), 0);
        EVENTS.publish(TicketEvents.submitted(ticket, "alice",
                new Assignment(Distribution.ACCEPT_FIRST, List.of("lena", "bob"), true, List.of(), null)), 1);
        await().until(() -> deliveries.forTicket(ticket).size() == 2);
        String path = "/tickets/" + ticket + "/deliveries";
        SignedClient ops = new SignedClient("http://127.0.0.1:" + port, OPS.appId(), OPS.secret());
        SignedClient portal = ops.as(PORTAL.appId(), PORTAL.secret());

        WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build().get().uri(path).exchange()
                .expectStatus().isUnauthorized();
        for (String reader : List.of("alice", "lena", "bob", "ops1")) {
            portal.get(reader, path).expectStatus().isOk().expectBody()
                    .jsonPath("$.length()").isEqualTo(2)
                    .jsonPath("$[0].ticketId").isEqualTo(ticket)
                    .jsonPath("$[0].kind").isEqualTo("NEW_TODO")
                    .jsonPath("$[0].channel").isEqualTo("webhook")
                    .jsonPath("$[0].subject").isEqualTo("[EX-9] Taxi to the airport: Offered to you")
                    .jsonPath("$[0].payload").doesNotExist();
        }
        portal.get("dora", path).expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://baton.dev/problems/not-allowed-to-view");
        portal.get("alice", "/tickets/t-unknown/deliveries").expectStatus().isNotFound();
        ops.get("operator", path).expectStatus().isOk().expectBody().jsonPath("$.length()").isEqualTo(2);
        ops.get("operator", "/deliveries?ticketId=" + ticket).expectStatus().isOk()
                .expectBody().jsonPath("$.length()").isEqualTo(2);
        portal.get("alice", "/deliveries?ticketId=" + ticket).expectStatus().isForbidden();
        ops.get("operator", "/deliveries/dead?limit=0").expectStatus().isBadRequest();
    }

    @Test
    void aTicketOfAWorkflowTheApplicationIsNotGrantedIsAnsweredLikeAnUnknownTicket() {
        String ticket = TicketEvents.newTicketId();
        EVENTS.publish(expenseBy(ticket, "alice"), 0);
        EVENTS.publish(TicketEvents.submitted(ticket, "alice",
                new Assignment(Distribution.ACCEPT_FIRST, List.of("lena", "bob"), true, List.of(), null)), 1);
        await().until(() -> deliveries.forTicket(ticket).size() == 2);
        String unknown = TicketEvents.newTicketId();
        SignedClient portal = new SignedClient("http://127.0.0.1:" + port, PORTAL.appId(), PORTAL.secret());
        SignedClient leaveDesk = portal.as(LEAVE_DESK.appId(), LEAVE_DESK.secret());
        portal.get("alice", "/tickets/" + ticket + "/deliveries").expectStatus().isOk();

        for (String reader : List.of("alice", "lena", "ops1", "dora")) {
            JsonNode hidden = problem(leaveDesk.get(reader, "/tickets/" + ticket + "/deliveries"), 404);
            JsonNode none = problem(leaveDesk.get(reader, "/tickets/" + unknown + "/deliveries"), 404);
            assertThat(hidden.get("type").asText()).isEqualTo("https://baton.dev/problems/ticket-not-found");
            assertThat(hidden.get("detail").asText().replace(ticket, unknown)).isEqualTo(none.get("detail").asText());
            assertThat(hidden.get("title")).isEqualTo(none.get("title"));
        }
        String deliveryId = deliveries.forTicket(ticket).get(0).deliveryId();
        for (String path : List.of("/deliveries?ticketId=" + ticket, "/deliveries/dead", "/hooks/dead")) {
            leaveDesk.get("alice", path).expectStatus().isForbidden();
        }
        for (String path : List.of("/deliveries/" + deliveryId + "/retry", "/hooks/" + ticket + "-v2-h1/retry")) {
            leaveDesk.post("alice", path, Map.of()).expectStatus().isForbidden();
        }
    }

    @Test
    void idsNoTicketOrDeliveryCanHaveAreUnknownWithoutReachingTheDatabase() {
        WebTestClient anonymous = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
        // control characters are refused at the edge, before authentication, as bad input
        anonymous.get().uri(URI.create("http://127.0.0.1:" + port + "/tickets/%00/deliveries")).exchange()
                .expectStatus().isBadRequest();
        anonymous.post().uri(URI.create("http://127.0.0.1:" + port + "/hook-callbacks/%00"))
                .header("Content-Type", "application/json").bodyValue("{\"result\": true}").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        anonymous.post().uri(URI.create("http://127.0.0.1:" + port + "/hook-callbacks/a~b"))
                .header("Content-Type", "application/json").bodyValue("{\"result\": true}").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        SignedClient portal = new SignedClient("http://127.0.0.1:" + port, PORTAL.appId(), PORTAL.secret());
        SignedClient ops = portal.as(OPS.appId(), OPS.secret());
        for (String id : List.of("%00", "t%00x")) {
            problem(portal.get("alice", "/tickets/" + id + "/deliveries"), 400);
            problem(ops.post("operator", "/deliveries/" + id + "/retry", Map.of()), 400);
        }
        for (String id : List.of("a~b", "a%2Fb", "x".repeat(201))) {
            problem(portal.get("alice", "/tickets/" + id + "/deliveries"), 404);
            problem(ops.get("operator", "/tickets/" + id + "/deliveries"), 404);
            problem(ops.post("operator", "/deliveries/" + id + "/retry", Map.of()), 404);
            problem(ops.post("operator", "/hooks/" + id + "/retry", Map.of()), 404);
            ops.get("operator", "/deliveries?ticketId=" + id).expectStatus().isOk()
                    .expectBody().jsonPath("$.length()").isEqualTo(0);
        }
    }

    private static JsonNode problem(WebTestClient.ResponseSpec response, int status) {
        byte[] body = response.expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().returnResult().getResponseBody();
        try {
            return TicketEvents.JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void ticketsThatEndedLongerAgoThanTheRetentionAreForgottenWithTheirLog() {
        String old = TicketEvents.newTicketId();
        String recent = TicketEvents.newTicketId();
        for (String ticket : List.of(old, recent)) {
            EVENTS.publish(TicketEvents.draft(ticket, "alice"), 0);
            EVENTS.publish(TicketEvents.finished(ticket, "lena"), 1);
        }
        await().untilAsserted(() -> assertThat(List.of(old, recent)).allSatisfy(t -> assertThat(deliveries.forTicket(t))
                .extracting(Delivery::status).containsExactly(DeliveryStatus.DELIVERED)));
        jdbc.update("UPDATE ticket_summary SET updated_at = now() - interval '181 days' WHERE ticket_id = ?", old);

        retention.prune(Instant.now().minus(Duration.ofDays(180)));

        assertThat(summaries.find(old)).isEmpty();
        assertThat(deliveries.forTicket(old)).isEmpty();
        assertThat(summaries.find(recent)).isPresent();
        assertThat(deliveries.forTicket(recent)).hasSize(1);
    }

    @Test
    void notificationCountersAreExposedToPrometheus() {
        WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build().get().uri("/actuator/prometheus")
                .exchange().expectStatus().isOk().expectBody(String.class).value(text -> assertThat(text)
                        .contains("baton_notifications_planned_total", "baton_notifications_delivered_total",
                                "baton_notifications_failed_total", "baton_notifications_retried_total",
                                "baton_notifications_dead_lettered_total"));
    }

    private static TicketCreated expenseBy(String ticket, String creator) {
        return new TicketCreated(ticket, "EX-9", "expense", 1, "Expense", "Taxi to the airport", creator,
                "hr-portal", TicketEvents.now(), Map.of("amount", 120.5), TicketEvents.LEADER_APPROVAL,
                Assignment.of(Distribution.ANY_ONE, List.of(creator)), TicketStatus.IN_PROGRESS);
    }

    private static MimeMessage awaitMail(String to, String subject) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> java.util.Arrays.stream(SMTP.getReceivedMessages())
                .filter(m -> {
                    try {
                        return m.getAllRecipients()[0].toString().contains(to) && subject.equals(m.getSubject());
                    } catch (jakarta.mail.MessagingException e) {
                        return false;
                    }
                }).findFirst(), java.util.Optional::isPresent).orElseThrow();
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new java.util.HashMap<>();
        for (String pair : raw.split("&")) {
            String[] kv = pair.split("=", 2);
            query.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return query;
    }

    private static String dingTalkSign(String timestamp, String secret) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal((timestamp + "\n" + secret)
                .getBytes(StandardCharsets.UTF_8)));
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
