package dev.baton.notification;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.baton.engine.BatonJson;
import dev.baton.notification.delivery.Delivery;
import dev.baton.notification.delivery.DeliveryRepository;
import dev.baton.notification.delivery.DeliveryStatus;
import dev.baton.testing.TestDatabases;
import dev.baton.testing.TestKafka;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
 * Two notification workers share the events topic (by partition) and the outbox (by leased claims). One is stopped
 * while both read events and send: every notice is still kept once and delivered (none lost). One is killed while it
 * sends: the deliveries it had in flight are taken over by the other once their lease ran out, without a restart, and
 * only those reach the receiver twice, under the same idempotency key.
 */
class NotificationFailoverTest {
    static final TestDatabases.Database DB = TestDatabases.create("nwnotifyfailover");
    static final int TICKETS = 400;
    /** Short, so that the test sees a lease run out: longer than any send here takes. */
    static final String LEASE = "20s";
    static final int ANSWERED_BEFORE_THE_CRASH = 10;

    static ConfigurableApplicationContext worker(String group, String webhook) {
        return new SpringApplicationBuilder(NotificationWorkerApplication.class)
                .properties("spring.config.name=notification-worker").run(
                "--spring.datasource.url=" + DB.jdbcUrl() + "?currentSchema=notification_worker",
                "--spring.datasource.username=" + DB.username(), "--spring.datasource.password=" + DB.password(),
                "--spring.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(),
                "--spring.kafka.consumer.group-id=" + group, "--server.port=0",
                "--baton.timers.enabled=false", "--baton.hooks.enabled=false",
                "--baton.notification.webhook-url=" + webhook, "--baton.notification.poll-interval=20ms",
                // rows the test or the other worker writes: looked for every 20 ms even while idle, so both workers compete
                "--baton.notification.idle-poll-interval=20ms",
                "--baton.notification.batch-size=20", "--baton.notification.lease=" + LEASE);
    }

    @Test
    void stoppingOneOfTwoNotificationWorkersMidLoadLosesNoNotice() throws Exception {
        Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
        HttpServer sink = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        sink.createContext("/notify", exchange -> {
            JsonNode body = BatonJson.mapper().readTree(exchange.getRequestBody().readAllBytes());
            try {
                Thread.sleep(10); // a receiver that takes a moment: batches are in flight when one worker stops
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            received.computeIfAbsent(body.path("deliveryId").asText(), k -> new AtomicInteger()).incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        sink.setExecutor(Executors.newFixedThreadPool(16));
        sink.start();
        String group = "nw-failover-" + UUID.randomUUID().toString().substring(0, 8);
        String prefix = "notifyfailover-" + UUID.randomUUID().toString().substring(0, 8);
        String webhook = "http://127.0.0.1:" + sink.getAddress().getPort() + "/notify";
        ConfigurableApplicationContext first = worker(group, webhook);
        ConfigurableApplicationContext second = worker(group, webhook);
        try (TicketEvents events = new TicketEvents(TestKafka.bootstrapServers())) {
            events.publishDemoDirectory();
            JdbcTemplate jdbc = second.getBean(JdbcTemplate.class);
            for (int i = 0; i < TICKETS / 2; i++) {
                events.publish(TicketEvents.transferred(prefix + "-" + i, "lena", "bob"), 1);
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> delivered(jdbc, prefix) > TICKETS / 8);
            first.close(); // mid-load: its batch in flight is cut off, its uncommitted events are read again
            for (int i = TICKETS / 2; i < TICKETS; i++) {
                events.publish(TicketEvents.transferred(prefix + "-" + i, "lena", "bob"), 1);
            }
            await().atMost(Duration.ofSeconds(90)).until(() -> delivered(jdbc, prefix) == TICKETS);

            List<Delivery> rows = jdbc.queryForList("SELECT ticket_id FROM delivery WHERE ticket_id LIKE ?",
                    String.class, prefix + "-%").stream().distinct()
                    .flatMap(t -> second.getBean(DeliveryRepository.class).forTicket(t).stream()).toList();
            assertThat(rows).as("one delivery per notice, none lost, none kept twice").hasSize(TICKETS)
                    .allSatisfy(d -> {
                        assertThat(d.status()).isEqualTo(DeliveryStatus.DELIVERED);
                        assertThat(d.recipient()).isEqualTo("bob");
                    });
            assertThat(rows).allSatisfy(d -> assertThat(received).containsKey(d.deliveryId()));
            long repeated = rows.stream().filter(d -> received.get(d.deliveryId()).get() > 1).count();
            assertThat(repeated).as("a stopped worker finishes what it sent: nothing repeats").isZero();
        } finally {
            first.close();
            second.close();
            sink.stop(0);
        }
    }

    @Test
    void aWorkerKilledWhileItSendsHasItsDeliveriesTakenOverAfterTheirLeaseWithoutARestart() throws Exception {
        Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
        Set<String> answeredToTheKilled = ConcurrentHashMap.newKeySet();
        Set<String> reachedTheKilled = ConcurrentHashMap.newKeySet();
        CountDownLatch never = new CountDownLatch(1);
        HttpServer sink = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        sink.createContext("/doomed", exchange -> { // the worker to be killed posts here: 10 answered, then none
            String id = BatonJson.mapper().readTree(exchange.getRequestBody().readAllBytes()).path("deliveryId").asText();
            received.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            synchronized (answeredToTheKilled) {
                if (answeredToTheKilled.size() < ANSWERED_BEFORE_THE_CRASH) {
                    answeredToTheKilled.add(id);
                    exchange.sendResponseHeaders(204, -1);
                    exchange.close();
                    return;
                }
            }
            reachedTheKilled.add(id);
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        sink.createContext("/notify", exchange -> {
            String id = BatonJson.mapper().readTree(exchange.getRequestBody().readAllBytes()).path("deliveryId").asText();
            received.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        sink.setExecutor(Executors.newCachedThreadPool());
        sink.start();
        String base = "http://127.0.0.1:" + sink.getAddress().getPort();
        String group = "nw-killed-" + UUID.randomUUID().toString().substring(0, 8);
        String prefix = "notifykilled-" + UUID.randomUUID().toString().substring(0, 8);
        int count = 60;
        try (WorkerProcess doomed = WorkerProcess.start("notification-worker-killed", DB,
                "--spring.kafka.consumer.group-id=" + group, "--baton.timers.enabled=false",
                "--baton.hooks.enabled=false", "--baton.notification.webhook-url=" + base + "/doomed",
                "--baton.notification.poll-interval=20ms", "--baton.notification.idle-poll-interval=20ms",
                "--baton.notification.batch-size=20", "--baton.notification.lease=" + LEASE);
             ConfigurableApplicationContext survivor = worker(group, base + "/notify")) {
            JdbcTemplate jdbc = survivor.getBean(JdbcTemplate.class);
            Instant now = Instant.now();
            List<Delivery> due = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String id = prefix + "-" + i + ":0";
                due.add(new Delivery(id, prefix + "-" + i, "e-" + id, "dev.baton.ticket.TicketTransferred.v1",
                        "NEW_TODO", "TRANSFERRED", "bob", "webhook", "s", "b", "{\"deliveryId\":\"" + id + "\"}",
                        DeliveryStatus.PENDING, 0, 5, now, null, now, now));
            }
            survivor.getBean(DeliveryRepository.class).addAll(due);

            // the doomed worker has recorded what was answered and holds the rest of its claims, sent and unanswered;
            // the survivor sends all the others
            await().atMost(Duration.ofSeconds(60)).until(() -> !reachedTheKilled.isEmpty()
                    && answeredToTheKilled.size() == ANSWERED_BEFORE_THE_CRASH
                    && answeredToTheKilled.stream().allMatch(id -> isDelivered(jdbc, id))
                    && delivered(jdbc, prefix) + inFlight(jdbc, prefix, owner(jdbc, reachedTheKilled)) == count
                    && reachedTheKilled.size() == inFlight(jdbc, prefix, owner(jdbc, reachedTheKilled)));
            String killed = owner(jdbc, reachedTheKilled);
            Set<String> inFlight = Set.copyOf(jdbc.queryForList("SELECT delivery_id FROM delivery WHERE delivery_id"
                    + " LIKE ? AND status = 'PENDING' AND claimed_by = ?", String.class, prefix + "-%", killed));
            doomed.kill();

            await().atMost(Duration.ofSeconds(90)).until(() -> delivered(jdbc, prefix) == count);
            assertThat(inFlight).as("what the killed worker had in flight").isNotEmpty()
                    .isEqualTo(reachedTheKilled);
            assertThat(inFlight).as("taken over by the survivor").allSatisfy(id -> assertThat(jdbc.queryForObject(
                    "SELECT claimed_by FROM delivery WHERE delivery_id = ?", String.class, id)).isNotEqualTo(killed));
            assertThat(received).as("none lost").hasSize(count);
            assertThat(received.entrySet().stream().filter(e -> e.getValue().get() > 1).map(Map.Entry::getKey))
                    .as("only what was in flight at the crash repeats, not what the killed worker had sent before")
                    .containsExactlyInAnyOrderElementsOf(inFlight).doesNotContainAnyElementsOf(answeredToTheKilled);
        } finally {
            never.countDown();
            sink.stop(0);
        }
    }

    private static boolean isDelivered(JdbcTemplate jdbc, String deliveryId) {
        return "DELIVERED".equals(jdbc.queryForObject("SELECT status FROM delivery WHERE delivery_id = ?", String.class,
                deliveryId));
    }

    /** The worker that claimed the first of {@code ids}. */
    private static String owner(JdbcTemplate jdbc, Set<String> ids) {
        return jdbc.queryForObject("SELECT claimed_by FROM delivery WHERE delivery_id = ?", String.class,
                ids.iterator().next());
    }

    private static int inFlight(JdbcTemplate jdbc, String prefix, String owner) {
        Integer n = jdbc.queryForObject("SELECT count(*) FROM delivery WHERE delivery_id LIKE ? AND status = 'PENDING'"
                + " AND claimed_by = ?", Integer.class, prefix + "-%", owner);
        return n == null ? 0 : n;
    }

    private static int delivered(JdbcTemplate jdbc, String prefix) {
        Integer n = jdbc.queryForObject("SELECT count(*) FROM delivery WHERE ticket_id LIKE ? AND status = 'DELIVERED'",
                Integer.class, prefix + "-%");
        return n == null ? 0 : n;
    }
}
