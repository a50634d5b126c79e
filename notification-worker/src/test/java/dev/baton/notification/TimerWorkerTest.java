package dev.baton.notification;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.api.Topics;
import dev.baton.api.ticket.TimerKind;
import dev.baton.api.ticket.command.CommandTopic;
import dev.baton.api.ticket.event.TimersScheduled;
import dev.baton.notification.timer.TimerFirer;
import dev.baton.notification.timer.TimerStore;
import dev.baton.testing.TestDatabases;
import dev.baton.testing.TestKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The timer role on a real PostgreSQL and Kafka: it keeps the timers a ticket's state schedules, fires each when due
 * as a FireTimer command on the command topic, repeats reminders, forgets the timers of a state the ticket left, and
 * several firers racing over the same table fire each due timer once.
 */
@SpringBootTest(classes = NotificationWorkerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"spring.config.name=notification-worker", "baton.timers.poll-interval=100ms",
                // longer than the test: timers fire because keeping one wakes the firer, which then waits no later
                // than the next due time
                "baton.timers.idle-poll-interval=30m"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class TimerWorkerTest {
    static final TestDatabases.Database DB = TestDatabases.create("nwtimer");
    static final TicketEvents EVENTS = new TicketEvents(TestKafka.bootstrapServers());

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> DB.jdbcUrl() + "?currentSchema=notification_worker");
        registry.add("spring.datasource.username", DB::username);
        registry.add("spring.datasource.password", DB::password);
        registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
    }

    @Autowired
    TimerStore timers;
    @Autowired
    TimerFirer firer;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    io.micrometer.core.instrument.MeterRegistry metrics;

    static TimersScheduled schedule(String ticketId, int visit, TimersScheduled.Timer... timers) {
        return new TimersScheduled(ticketId, "alice", Instant.now(), TicketEvents.LEADER_APPROVAL, visit,
                List.of(timers));
    }

    List<JsonNode> firings(String ticketId) {
        List<JsonNode> found = new ArrayList<>();
        for (ConsumerRecord<String, String> r : EVENTS.read(Topics.TICKET_COMMANDS, ticketId)) {
            assertThat(TicketEvents.header(r, CommandTopic.TYPE_HEADER)).isEqualTo("FireTimer");
            found.add(TicketEvents.JSON.valueToTree(readTree(r.value())));
        }
        return found;
    }

    static JsonNode readTree(String json) {
        try {
            return TicketEvents.JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aDueTimerFiresAsACommandAndARepeatingReminderFiresAgain() {
        String ticketId = TicketEvents.newTicketId();
        Instant now = Instant.now();
        EVENTS.publish(TicketEvents.draft(ticketId, "alice"), 0, ticketId + "-0");
        EVENTS.publish(schedule(ticketId, 2,
                new TimersScheduled.Timer(ticketId + "-v2-timeout", TimerKind.TIMEOUT, now.plusMillis(300), null, 1),
                new TimersScheduled.Timer(ticketId + "-v2-reminder", TimerKind.REMINDER, now.plusMillis(200), 1L, 2)),
                1, ticketId + "-1");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(firings(ticketId)).hasSize(3));
        List<JsonNode> fired = firings(ticketId);
        assertThat(fired).extracting(f -> f.get("timerId").asText() + "#" + f.get("firing").asInt())
                .containsExactlyInAnyOrder(ticketId + "-v2-timeout#1", ticketId + "-v2-reminder#1",
                        ticketId + "-v2-reminder#2");
        assertThat(fired).allSatisfy(f -> assertThat(f.get("visit").asInt()).isEqualTo(2));
        await().atMost(Duration.ofSeconds(5)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM timer WHERE ticket_id = ?", Integer.class, ticketId) == 0);
        assertThat(metrics.find("baton.timer.lateness").timer()).isNotNull()
                .satisfies(t -> assertThat(t.count()).isGreaterThanOrEqualTo(3));
        assertThat(metrics.find("kafka.consumer.fetch.manager.records.lag.max").meters())
                .as("the role's consumer lag is measured").isNotEmpty();
    }

    @Test
    void leavingTheStateCancelsItsTimers() {
        String ticketId = TicketEvents.newTicketId();
        EVENTS.publish(TicketEvents.draft(ticketId, "alice"), 0, ticketId + "-0");
        EVENTS.publish(schedule(ticketId, 2, new TimersScheduled.Timer(ticketId + "-v2-timeout", TimerKind.TIMEOUT,
                Instant.now().plus(Duration.ofHours(1)), null, 1)), 1, ticketId + "-1");
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM timer WHERE ticket_id = ?", Integer.class, ticketId) == 1);

        EVENTS.publish(TicketEvents.finished(ticketId, "lena"), 2, ticketId + "-2");
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM timer WHERE ticket_id = ?", Integer.class, ticketId) == 0);
    }

    @Test
    void firersRacingOverTheSameTimersFireEachOnce() throws Exception {
        String prefix = "race-" + TicketEvents.newTicketId();
        Instant due = Instant.now().minusSeconds(1);
        int count = 300;
        for (int i = 0; i < count; i++) {
            String ticketId = prefix + "-" + i;
            timers.schedule(schedule(ticketId, 1, new TimersScheduled.Timer(ticketId + "-v1-timeout",
                    TimerKind.TIMEOUT, due, null, 1)), 1);
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        List<Integer> firedByEach = Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < 4; t++) {
            pool.submit(() -> {
                start.await();
                int total = 0;
                for (int n; (n = firer.fireBatch()) > 0; ) {
                    total += n;
                }
                firedByEach.add(total);
                return null;
            });
        }
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

        // the scheduled poller fires too, and may still hold a batch it claimed while the others found none left
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM timer WHERE ticket_id LIKE ?", Integer.class, prefix + "-%") == 0);
        // whoever fired a timer, it went out exactly once
        Map<String, Integer> perTimer = new java.util.HashMap<>();
        for (int i = 0; i < count; i += 37) {
            String ticketId = prefix + "-" + i;
            perTimer.put(ticketId, firings(ticketId).size());
        }
        assertThat(perTimer.values()).containsOnly(1);
        assertThat(firedByEach.stream().mapToInt(Integer::intValue).sum()).isLessThanOrEqualTo(count);
    }
}
