package dev.baton.notification;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.api.app.CallerApp;
import dev.baton.api.ticket.Assignment;
import dev.baton.api.ticket.TicketStatus;
import dev.baton.api.ticket.TimerKind;
import dev.baton.api.ticket.event.HookRequested;
import dev.baton.api.ticket.event.TicketCreated;
import dev.baton.api.ticket.event.TimersScheduled;
import dev.baton.api.workflow.Distribution;
import dev.baton.api.workflow.HookDef;
import dev.baton.notification.consumer.TicketEventListener;
import dev.baton.notification.delivery.DeliveryRepository;
import dev.baton.notification.hook.HookEventListener;
import dev.baton.notification.summary.TicketSummaries;
import dev.baton.notification.timer.TimerEventListener;
import dev.baton.support.BatonProperties;
import dev.baton.testing.SignedClient;
import dev.baton.testing.TestDatabases;
import dev.baton.testing.TestKafka;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.test.utils.ContainerTestUtils;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * No single record stops a role's consumer: a ticket event whose text the worker's database refuses (U+0000, which
 * the edge lets through today) is retried a bounded number of times, then parked, and the events behind it on its
 * partition are applied; the parked record is listed for admins and applied by the retry API once its cause is
 * gone. A transient failure (here: a lock the worker cannot get) is retried until it passes and parks nothing.
 */
@SpringBootTest(classes = NotificationWorkerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=notification-worker", "baton.consumer.max-retries=2",
                "baton.consumer.initial-interval=20ms", "baton.consumer.max-interval=50ms",
                "spring.datasource.hikari.connection-init-sql=SET lock_timeout = '200ms'"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ParkedEventsTest {
    static final TestDatabases.Database DB = TestDatabases.create("nwpark");
    static final WebhookServer WEBHOOK = WebhookServer.start();
    static final TicketEvents EVENTS = new TicketEvents(TestKafka.bootstrapServers());
    static final AtomicBoolean STARTED = new AtomicBoolean();
    static final CallerApp OPS = new CallerApp("park-ops", "Ops", "park-ops-secret", true, List.of(), true);
    static final CallerApp PORTAL = new CallerApp("park-portal", "Portal", "park-portal-secret", false,
            List.of("*"), true);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> DB.jdbcUrl() + "?currentSchema=notification_worker");
        registry.add("spring.datasource.username", DB::username);
        registry.add("spring.datasource.password", DB::password);
        registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
        registry.add("baton.notification.webhook-url", WEBHOOK::url);
        registry.add("baton.notification.poll-interval", () -> "50ms");
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MeterRegistry meters;
    @Autowired
    TicketSummaries summaries;
    @Autowired
    DeliveryRepository deliveries;
    @Autowired
    KafkaListenerEndpointRegistry listeners;
    @Autowired
    BatonProperties baton;

    @BeforeEach
    void start() {
        if (STARTED.compareAndSet(false, true)) {
            for (String listener : List.of(TicketEventListener.LISTENER_ID, TimerEventListener.LISTENER_ID,
                    HookEventListener.LISTENER_ID)) {
                ContainerTestUtils.waitForAssignment(listeners.getListenerContainer(listener),
                        baton.kafka().partitions());
            }
            EVENTS.publishDemoDirectory();
            EVENTS.publishApp(OPS);
            EVENTS.publishApp(PORTAL);
        }
    }

    @AfterAll
    static void close() {
        EVENTS.close();
    }

    SignedClient ops() {
        return new SignedClient("http://127.0.0.1:" + port, OPS.appId(), OPS.secret());
    }

    /** A ticket lena must approve now: creating it tells her. */
    static TicketCreated waitingForLena(String ticketId, String title) {
        return new TicketCreated(ticketId, "LR-000077", "leave-request", 1, "Leave request", title, "alice",
                "hr-portal", TicketEvents.now(), Map.of("days", 3L), TicketEvents.LEADER_APPROVAL,
                Assignment.of(Distribution.ANY_ONE, List.of("lena")), TicketStatus.IN_PROGRESS);
    }

    List<Map<String, Object>> parkedOf(String ticketId) {
        return jdbc.queryForList("SELECT parked_id, role, attempts, error FROM parked_event"
                + " WHERE record_key = convert_to(?, 'UTF8') ORDER BY parked_id", ticketId);
    }

    double parkedCount(String role) {
        Counter counter = meters.find("baton.consumer.parked").tag("role", role).counter();
        return counter == null ? 0 : counter.count();
    }

    double failures(String role, String kind) {
        Counter counter = meters.find("baton.consumer.failures").tag("role", role).tag("kind", kind).counter();
        return counter == null ? 0 : counter.count();
    }

    /** Takes the U+0000 out of the parked record, as an operator who fixed the data would. */
    void fix(long parkedId) {
        byte[] value = jdbc.queryForObject("SELECT record_value FROM parked_event WHERE parked_id = ?", byte[].class,
                parkedId);
        String fixed = new String(value, StandardCharsets.UTF_8).replace("\\u0000", " ");
        jdbc.update("UPDATE parked_event SET record_value = ? WHERE parked_id = ?",
                fixed.getBytes(StandardCharsets.UTF_8), parkedId);
    }

    static JsonNode json(byte[] body) {
        try {
            return TicketEvents.JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aTicketEventTheStoreRefusesIsParkedTheNextTicketsOnItsPartitionAreToldAndTheRetryAppliesItOnceFixed() {
        double parkedBefore = parkedCount("notifications");
        String poisoned = TicketEvents.newTicketId();
        String next = EVENTS.newTicketIdOnThePartitionOf(poisoned);
        EVENTS.publish(waitingForLena(poisoned, "Three\u0000days off"), 0);
        EVENTS.publish(waitingForLena(next, "Two days off"), 0);

        await().atMost(Duration.ofSeconds(30)).until(() -> !deliveries.forTicket(next).isEmpty());
        await().atMost(Duration.ofSeconds(30)).until(() -> !parkedOf(poisoned).isEmpty());
        Map<String, Object> row = parkedOf(poisoned).get(0);
        assertThat(parkedOf(poisoned)).as("only the role whose store refuses the title parks it").hasSize(1);
        assertThat(row).containsEntry("role", "notifications").containsEntry("attempts", 3);
        assertThat((String) row.get("error")).contains("0x00");
        assertThat(summaries.find(poisoned)).isEmpty();
        assertThat(parkedCount("notifications")).isEqualTo(parkedBefore + 1);
        long id = ((Number) row.get("parked_id")).longValue();

        SignedClient ops = ops();
        JsonNode listed = json(ops.get("operator", "/admin/parked-events?role=notifications").expectStatus().isOk()
                .expectBody().returnResult().getResponseBody());
        JsonNode mine = null;
        for (JsonNode entry : listed) {
            if (entry.get("id").asLong() == id) {
                mine = entry;
            }
        }
        assertThat(mine).isNotNull();
        assertThat(mine.get("key").asText()).isEqualTo(poisoned);
        assertThat(mine.get("topic").asText()).isEqualTo("baton.ticket.events");
        assertThat(mine.get("consumerGroup").asText()).isEqualTo("baton-notification-worker");
        assertThat(mine.get("value").asText()).contains("Three\\u0000days off");
        assertThat(mine.at("/headers/ce_type").asText()).startsWith("dev.baton.ticket.TicketCreated");
        assertThat(mine.has("parkedAt")).isTrue();

        // still refused: the retry answers why, and the row counts the attempt
        ops.post("operator", "/admin/parked-events/" + id + "/retry", Map.of()).expectStatus().isEqualTo(409)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("0x00"));
        assertThat(parkedOf(poisoned).get(0)).containsEntry("attempts", 4);

        fix(id);
        ops.post("operator", "/admin/parked-events/" + id + "/retry", Map.of()).expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("APPLIED");
        assertThat(parkedOf(poisoned)).isEmpty();
        assertThat(summaries.find(poisoned)).hasValueSatisfying(s -> assertThat(s.title()).isEqualTo("Three days off"));
        await().atMost(Duration.ofSeconds(30)).until(() -> !deliveries.forTicket(poisoned).isEmpty());
        ops.post("operator", "/admin/parked-events/" + id + "/retry", Map.of()).expectStatus().isNotFound();
    }

    @Test
    void theTimerAndHookRolesParkWhatTheirStoresRefuseAndGoOnWithTheNextTickets() {
        double timersBefore = parkedCount("timers");
        double hooksBefore = parkedCount("hooks");
        String timed = TicketEvents.newTicketId();
        String nextTimed = EVENTS.newTicketIdOnThePartitionOf(timed);
        Instant later = Instant.now().plus(Duration.ofDays(1));
        EVENTS.publish(new TimersScheduled(timed, "alice", Instant.now(), TicketEvents.LEADER_APPROVAL, 2,
                List.of(new TimersScheduled.Timer(timed + "-t\u00001", TimerKind.TIMEOUT, later, null, null))), 1);
        EVENTS.publish(new TimersScheduled(nextTimed, "alice", Instant.now(), TicketEvents.LEADER_APPROVAL, 2,
                List.of(new TimersScheduled.Timer(nextTimed + "-t1", TimerKind.TIMEOUT, later, null, null))), 1);
        String hooked = TicketEvents.newTicketId();
        String nextHooked = EVENTS.newTicketIdOnThePartitionOf(hooked);
        for (String ticketId : List.of(hooked, nextHooked)) {
            String url = ticketId.equals(hooked) ? "https://iam.example/\u0000check" : "https://iam.example/check";
            EVENTS.publish(new HookRequested(ticketId, "alice", Instant.now(), TicketEvents.LEADER_APPROVAL,
                    ticketId + "-v2-h1", 2, new HookDef(url, HookDef.Mode.SYNC, "iam", Map.of(), 2, 1, "passed",
                    "failed"), Map.of("ticketId", ticketId)), 1);
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM timer WHERE ticket_id = ?", Integer.class, nextTimed) == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM hook_call WHERE ticket_id = ?", Integer.class, nextHooked) == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> parkedOf(timed).size() == 1 && parkedOf(hooked).size() == 1);
        assertThat(parkedOf(timed).get(0)).containsEntry("role", "timers");
        assertThat(parkedOf(hooked).get(0)).containsEntry("role", "hooks");
        assertThat(parkedCount("timers")).isEqualTo(timersBefore + 1);
        assertThat(parkedCount("hooks")).isEqualTo(hooksBefore + 1);

        SignedClient ops = ops();
        ops.get("operator", "/admin/parked-events?role=timers").expectStatus().isOk()
                .expectBody().jsonPath("$[?(@.key == '" + timed + "')].role").isEqualTo("timers");
        for (String ticketId : List.of(timed, hooked)) {
            long id = ((Number) parkedOf(ticketId).get(0).get("parked_id")).longValue();
            fix(id);
            ops.post("operator", "/admin/parked-events/" + id + "/retry", Map.of()).expectStatus().isOk();
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM timer WHERE ticket_id = ?", Integer.class, timed))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM hook_call WHERE ticket_id = ?", Integer.class, hooked))
                .isEqualTo(1);
        assertThat(parkedOf(timed)).isEmpty();
        assertThat(parkedOf(hooked)).isEmpty();
    }

    @Test
    void aTransientFailureIsRetriedUntilItPassesAndParksNothing() throws Exception {
        String ticketId = TicketEvents.newTicketId();
        try (Connection admin = DriverManager.getConnection(DB.jdbcUrl(), DB.username(), DB.password());
             Statement lock = admin.createStatement()) {
            admin.setAutoCommit(false);
            lock.execute("LOCK TABLE notification_worker.ticket_summary IN ACCESS EXCLUSIVE MODE");
            double before = failures("notifications", "transient");
            EVENTS.publish(waitingForLena(ticketId, "Locked out for a while"), 0);
            // more failed attempts than a failure of the record itself is allowed (1 + 2 retries)
            await().atMost(Duration.ofSeconds(60)).until(() -> failures("notifications", "transient") >= before + 4);
            admin.commit();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> summaries.find(ticketId).isPresent());
        assertThat(parkedOf(ticketId)).isEmpty();
        await().atMost(Duration.ofSeconds(30)).until(() -> !deliveries.forTicket(ticketId).isEmpty());
    }

    @Test
    void parkedEventsAreForAdminApplicationsOnly() {
        SignedClient ops = ops();
        SignedClient portal = ops.as(PORTAL.appId(), PORTAL.secret());
        portal.get("alice", "/admin/parked-events").expectStatus().isForbidden();
        portal.post("alice", "/admin/parked-events/1/retry", Map.of()).expectStatus().isForbidden();
        WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build().get().uri("/admin/parked-events")
                .exchange().expectStatus().isUnauthorized();
        ops.post("operator", "/admin/parked-events/999999999/retry", Map.of()).expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        ops.post("operator", "/admin/parked-events/%00/retry", Map.of()).expectStatus().isBadRequest();
        ops.post("operator", "/admin/parked-events/abc/retry", Map.of()).expectStatus().isNotFound();
        ops.get("operator", "/admin/parked-events?role=robots").expectStatus().isBadRequest();
        ops.get("operator", "/admin/parked-events?limit=0").expectStatus().isBadRequest();
    }
}
