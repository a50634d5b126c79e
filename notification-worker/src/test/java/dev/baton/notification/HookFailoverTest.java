package dev.baton.notification;

import com.sun.net.httpserver.HttpServer;
import dev.baton.api.Topics;
import dev.baton.api.ticket.event.HookRequested;
import dev.baton.api.workflow.HookDef;
import dev.baton.notification.hook.HookCalls;
import dev.baton.notification.hook.HookSigning;
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
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two hook workers share a backlog of calls to a slow system. One is stopped while it calls: every call is still
 * answered back to its ticket (none lost). One is killed while it calls: the calls it had in flight are taken over by
 * the other once their lease ran out, without a restart; only those reach the system twice, under the same
 * idempotency key, and the ticket takes its answer once.
 */
class HookFailoverTest {
    static final TestDatabases.Database DB = TestDatabases.create("nwhookfailover");
    static final int CALLS = 400;
    /** Short, so that the test sees a lease run out: longer than any call here takes. */
    static final String LEASE = "20s";
    static final int ANSWERED_BEFORE_THE_CRASH = 10;

    static ConfigurableApplicationContext worker() {
        return new SpringApplicationBuilder(NotificationWorkerApplication.class)
                .properties("spring.config.name=notification-worker").run(
                "--spring.datasource.url=" + DB.jdbcUrl() + "?currentSchema=notification_worker",
                "--spring.datasource.username=" + DB.username(), "--spring.datasource.password=" + DB.password(),
                "--spring.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(),
                "--server.port=0", "--baton.notification.enabled=false", "--baton.timers.enabled=false",
                // rows the test or the other worker writes: looked for every 20 ms even while idle, so both workers compete
                "--baton.hooks.poll-interval=20ms", "--baton.hooks.idle-poll-interval=20ms",
                "--baton.hooks.batch-size=20", "--baton.hooks.allow-hosts=127.0.0.1",
                "--baton.hooks.secrets.sink=sink-secret", "--baton.hooks.lease=" + LEASE);
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
                        + "\"}", 1, null, Instant.now());
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
                .as("a stopped worker finishes what it called: nothing repeats").isZero();
    }

    @Test
    void aWorkerKilledWhileItCallsHasItsCallsTakenOverAfterTheirLeaseWithoutARestart() throws Exception {
        Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
        Set<String> answeredToTheKilled = ConcurrentHashMap.newKeySet();
        Set<String> reachedTheKilled = ConcurrentHashMap.newKeySet();
        CountDownLatch never = new CountDownLatch(1);
        HttpServer sink = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        byte[] ok = "{\"result\": true}".getBytes(StandardCharsets.UTF_8);
        sink.createContext("/sink", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String hookId = exchange.getRequestHeaders().getFirst(HookSigning.DELIVERY);
            received.computeIfAbsent(hookId, k -> new AtomicInteger()).incrementAndGet();
            if (HookSigning.matches("doomed-secret", exchange.getRequestHeaders().getFirst(HookSigning.TIMESTAMP),
                    body, exchange.getRequestHeaders().getFirst(HookSigning.SIGNATURE))
                    && !answeredFirst(answeredToTheKilled, hookId)) {
                reachedTheKilled.add(hookId); // the worker to be killed signed it: 10 answered, then none
                try {
                    never.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.close();
                return;
            }
            exchange.sendResponseHeaders(200, ok.length);
            exchange.getResponseBody().write(ok);
            exchange.close();
        });
        sink.setExecutor(Executors.newCachedThreadPool());
        sink.start();
        String prefix = "hookkilled-" + UUID.randomUUID().toString().substring(0, 8);
        int count = 60;
        HookDef hook = new HookDef("http://127.0.0.1:" + sink.getAddress().getPort() + "/sink", HookDef.Mode.SYNC,
                "sink", Map.of(), HookDef.MAX_TIMEOUT_SECONDS, 5, "passed", "failed");
        try (WorkerProcess doomed = WorkerProcess.start("hook-worker-killed", DB, "--baton.notification.enabled=false",
                "--baton.timers.enabled=false", "--baton.hooks.poll-interval=20ms",
                "--baton.hooks.idle-poll-interval=20ms", "--baton.hooks.batch-size=20",
                "--baton.hooks.allow-hosts=127.0.0.1", "--baton.hooks.secrets.sink=doomed-secret",
                "--baton.hooks.lease=" + LEASE);
             ConfigurableApplicationContext survivor = worker()) {
            HookCalls calls = survivor.getBean(HookCalls.class);
            for (int i = 0; i < count; i++) {
                String ticketId = prefix + "-" + i;
                calls.add(new HookRequested(ticketId, "alice", Instant.now(), TicketEvents.LEADER_APPROVAL,
                        ticketId + "-v2-h1", 2, hook, Map.of("ticketId", ticketId)), "{\"ticketId\":\"" + ticketId
                        + "\"}", 1, null, Instant.now());
            }
            JdbcTemplate jdbc = survivor.getBean(JdbcTemplate.class);

            // the doomed worker has recorded what was answered and holds the rest of its claims, called and
            // unanswered; the survivor makes all the other calls
            await().atMost(Duration.ofSeconds(60)).until(() -> !reachedTheKilled.isEmpty()
                    && answeredToTheKilled.size() == ANSWERED_BEFORE_THE_CRASH
                    && answeredToTheKilled.stream().allMatch(id -> "DONE".equals(jdbc.queryForObject(
                            "SELECT status FROM hook_call WHERE hook_id = ?", String.class, id)))
                    && done(jdbc, prefix) + inFlight(jdbc, prefix, owner(jdbc, reachedTheKilled)) == count
                    && reachedTheKilled.size() == inFlight(jdbc, prefix, owner(jdbc, reachedTheKilled)));
            String killed = owner(jdbc, reachedTheKilled);
            Set<String> inFlight = Set.copyOf(jdbc.queryForList("SELECT hook_id FROM hook_call WHERE hook_id LIKE ?"
                    + " AND status = 'PENDING' AND claimed_by = ?", String.class, prefix + "-%", killed));
            doomed.kill();

            await().atMost(Duration.ofSeconds(90)).until(() -> done(jdbc, prefix) == count);
            assertThat(inFlight).as("what the killed worker had in flight").isNotEmpty()
                    .isEqualTo(reachedTheKilled);
            assertThat(inFlight).as("taken over by the survivor").allSatisfy(id -> assertThat(jdbc.queryForObject(
                    "SELECT claimed_by FROM hook_call WHERE hook_id = ?", String.class, id)).isNotEqualTo(killed));
            assertThat(received.entrySet().stream().filter(e -> e.getValue().get() > 1).map(Map.Entry::getKey))
                    .as("only what was in flight at the crash repeats, not what the killed worker had called before")
                    .containsExactlyInAnyOrderElementsOf(inFlight).doesNotContainAnyElementsOf(answeredToTheKilled);
        } finally {
            never.countDown();
            sink.stop(0);
        }

        Map<String, Integer> answered = new HashMap<>();
        try (TicketEvents events = new TicketEvents(TestKafka.bootstrapServers())) {
            for (ConsumerRecord<String, String> r : events.readByKeyPrefix(Topics.TICKET_COMMANDS, prefix)) {
                answered.merge(r.key(), 1, Integer::sum);
            }
        }
        assertThat(answered).as("every call answered back to its ticket, once: the killed worker answered none")
                .hasSize(count).allSatisfy((ticket, n) -> assertThat(n).isEqualTo(1));
    }

    /** Whether this call is one of the first {@value #ANSWERED_BEFORE_THE_CRASH} of the worker to be killed. */
    private static boolean answeredFirst(Set<String> answered, String hookId) {
        synchronized (answered) {
            return answered.size() < ANSWERED_BEFORE_THE_CRASH && answered.add(hookId);
        }
    }

    private static int done(JdbcTemplate jdbc, String prefix) {
        Integer n = jdbc.queryForObject("SELECT count(*) FROM hook_call WHERE hook_id LIKE ? AND status = 'DONE'",
                Integer.class, prefix + "-%");
        return n == null ? 0 : n;
    }

    /** The worker that claimed the first of {@code ids}. */
    private static String owner(JdbcTemplate jdbc, Set<String> ids) {
        return jdbc.queryForObject("SELECT claimed_by FROM hook_call WHERE hook_id = ?", String.class,
                ids.iterator().next());
    }

    private static int inFlight(JdbcTemplate jdbc, String prefix, String owner) {
        Integer n = jdbc.queryForObject("SELECT count(*) FROM hook_call WHERE hook_id LIKE ? AND status = 'PENDING'"
                + " AND claimed_by = ?", Integer.class, prefix + "-%", owner);
        return n == null ? 0 : n;
    }
}
