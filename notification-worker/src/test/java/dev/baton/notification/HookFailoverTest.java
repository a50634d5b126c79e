package dev.baton.notification;

import com.sun.net.httpserver.HttpServer;
import dev.baton.api.Topics;
import dev.baton.api.ticket.event.HookRequested;
import dev.baton.api.workflow.HookDef;
import dev.baton.notification.hook.HookCalls;
import dev.baton.testing.TestDatabases;
import dev.baton.testing.TestKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two hook workers share a backlog of calls to a slow system; one is stopped while it calls. Every call is still
 * answered back to its ticket (none lost); a call both made is one the system sees twice under the same
 * idempotency key, and the ticket takes its answer once.
 */
class HookFailoverTest {
    static final TestDatabases.Database DB = TestDatabases.create("nwhookfailover");
    static final int CALLS = 400;

    static ConfigurableApplicationContext worker() {
        return new SpringApplicationBuilder(NotificationWorkerApplication.class)
                .properties("spring.config.name=notification-worker").run(
                "--spring.datasource.url=" + DB.jdbcUrl() + "?currentSchema=notification_worker",
                "--spring.datasource.username=" + DB.username(), "--spring.datasource.password=" + DB.password(),
                "--spring.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(),
                "--server.port=0", "--baton.notification.enabled=false", "--baton.timers.enabled=false",
                "--baton.hooks.poll-interval=20ms", "--baton.hooks.batch-size=20",
                "--baton.hooks.allow-hosts=127.0.0.1", "--baton.hooks.secrets.sink=sink-secret");
    }

    @Test
    void stoppingOneOfTwoHookWorkersMidLoadLosesNoCall() throws Exception {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer sink = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        byte[] ok = "{\"result\": true}".getBytes(StandardCharsets.UTF_8);
        sink.createContext("/sink", exchange -> {
            exchange.getRequestBody().readAllBytes();
            try {
                Thread.sleep(20); // a system that takes a moment: batches are in flight when one worker stops
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, ok.length);
            exchange.getResponseBody().write(ok);
            exchange.close();
        });
        sink.setExecutor(Executors.newFixedThreadPool(16));
        sink.start();
        String prefix = "hookfailover-" + UUID.randomUUID().toString().substring(0, 8);
        HookDef hook = new HookDef("http://127.0.0.1:" + sink.getAddress().getPort() + "/sink", HookDef.Mode.SYNC,
                "sink", Map.of(), 5, 5, "passed", "failed");
        ConfigurableApplicationContext first = worker();
        ConfigurableApplicationContext second = worker();
        try {
            HookCalls calls = first.getBean(HookCalls.class);
            for (int i = 0; i < CALLS; i++) {
                String ticketId = prefix + "-" + i;
                calls.add(new HookRequested(ticketId, "alice", Instant.now(), TicketEvents.LEADER_APPROVAL,
                        ticketId + "-v2-h1", 2, hook, Map.of("ticketId", ticketId)), "{\"ticketId\":\"" + ticketId
                        + "\"}", 1, Instant.now());
            }
            JdbcTemplate jdbc = second.getBean(JdbcTemplate.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("SELECT count(*) FROM hook_call"
                    + " WHERE hook_id LIKE ? AND status = 'DONE'", Integer.class, prefix + "-%") > CALLS / 4);
            first.close(); // mid-load: its batch in flight is cut off
            await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject("SELECT count(*) FROM hook_call"
                    + " WHERE hook_id LIKE ? AND status = 'DONE'", Integer.class, prefix + "-%") == CALLS);
        } finally {
            first.close();
            second.close();
            sink.stop(0);
        }

        Map<String, Integer> answered = new HashMap<>();
        try (TicketEvents events = new TicketEvents(TestKafka.bootstrapServers())) {
            for (ConsumerRecord<String, String> r : events.readByKeyPrefix(Topics.TICKET_COMMANDS, prefix)) {
                assertThat(r.value()).contains("\"success\":true");
                answered.merge(r.key(), 1, Integer::sum);
            }
        }
        assertThat(answered).as("every call answered back to its ticket").hasSize(CALLS);
        assertThat(answered.values().stream().filter(n -> n > 1).count())
                .as("repeats come only from the stopped worker's last batch").isLessThanOrEqualTo(20);
    }
}
