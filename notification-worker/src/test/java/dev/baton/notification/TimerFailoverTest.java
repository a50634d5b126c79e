package dev.baton.notification;

import dev.baton.api.Topics;
import dev.baton.api.ticket.TimerKind;
import dev.baton.api.ticket.event.TimersScheduled;
import dev.baton.notification.timer.TimerStore;
import dev.baton.testing.TestDatabases;
import dev.baton.testing.TestKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two timer workers share one backlog; one is stopped while it fires. Every timer still fires (none lost), and a
 * timer fired by both (the stopped one's last batch, sent but not committed) is a repeat the ticket ignores: its
 * firing number is the same.
 */
class TimerFailoverTest {
    static final TestDatabases.Database DB = TestDatabases.create("nwfailover");
    static final int TIMERS = 3_000;

    static ConfigurableApplicationContext worker(String name) {
        // command-line arguments: they outrank notification-worker.yml, as the test's own settings must
        return new SpringApplicationBuilder(NotificationWorkerApplication.class)
                .properties("spring.config.name=notification-worker").run(
                "--spring.datasource.url=" + DB.jdbcUrl() + "?currentSchema=notification_worker",
                "--spring.datasource.username=" + DB.username(), "--spring.datasource.password=" + DB.password(),
                "--spring.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(),
                "--server.port=0", "--baton.notification.enabled=false", "--baton.hooks.enabled=false",
                // rows the test or the other worker writes: looked for every 20 ms even while idle, so both workers compete
                "--baton.timers.poll-interval=20ms", "--baton.timers.idle-poll-interval=20ms",
                "--baton.timers.batch-size=50",
                "--spring.application.name=timer-worker-" + name);
    }

    @Test
    void stoppingOneOfTwoTimerWorkersMidLoadLosesNoTimer() {
        String prefix = "failover-" + UUID.randomUUID().toString().substring(0, 8);
        ConfigurableApplicationContext first = worker("a");
        ConfigurableApplicationContext second = worker("b");
        try {
            // the backlog, due over two seconds, written while both workers are polling
            TimerStore store = first.getBean(TimerStore.class);
            Instant due = Instant.now().plusMillis(300);
            for (int i = 0; i < TIMERS; i++) {
                String ticketId = prefix + "-" + i;
                store.schedule(new TimersScheduled(ticketId, "alice", Instant.now(), TicketEvents.LEADER_APPROVAL, 1,
                        List.of(new TimersScheduled.Timer(ticketId + "-v1-timeout", TimerKind.TIMEOUT,
                                due.plusMillis(2_000L * i / TIMERS), null, 1))), 1);
            }
            JdbcTemplate jdbc = second.getBean(JdbcTemplate.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                    "SELECT count(*) FROM timer WHERE timer_id LIKE ?", Integer.class, prefix + "-%") < TIMERS * 2 / 3);
            first.close(); // mid-load: its batch in flight is cut off
            await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                    "SELECT count(*) FROM timer WHERE timer_id LIKE ?", Integer.class, prefix + "-%") == 0);
        } finally {
            first.close();
            second.close();
        }

        Map<String, Integer> fired = new HashMap<>();
        try (TicketEvents events = new TicketEvents(TestKafka.bootstrapServers())) {
            for (ConsumerRecord<String, String> r : events.readByKeyPrefix(Topics.TICKET_COMMANDS, prefix)) {
                assertThat(r.value()).contains("\"firing\":1");
                fired.merge(r.key(), 1, Integer::sum);
            }
        }
        assertThat(fired).as("every timer fired at least once").hasSize(TIMERS);
        long repeats = fired.values().stream().filter(n -> n > 1).count();
        assertThat(repeats).as("repeats come only from the stopped worker's last batch").isLessThanOrEqualTo(50);
    }
}
