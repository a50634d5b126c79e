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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two notification workers share the events topic (by partition) and the outbox (by row lock); one is stopped while
 * both read events and send. Every notice is still kept once and delivered (none lost); one both sent is a delivery
 * the receiver sees twice under the same idempotency key.
 */
class NotificationFailoverTest {
    static final TestDatabases.Database DB = TestDatabases.create("nwnotifyfailover");
    static final int TICKETS = 400;

    static ConfigurableApplicationContext worker(String group, String webhook) {
        return new SpringApplicationBuilder(NotificationWorkerApplication.class)
                .properties("spring.config.name=notification-worker").run(
                "--spring.datasource.url=" + DB.jdbcUrl() + "?currentSchema=notification_worker",
                "--spring.datasource.username=" + DB.username(), "--spring.datasource.password=" + DB.password(),
                "--spring.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(),
                "--spring.kafka.consumer.group-id=" + group, "--server.port=0",
                "--baton.timers.enabled=false", "--baton.hooks.enabled=false",
                "--baton.notification.webhook-url=" + webhook, "--baton.notification.poll-interval=20ms",
                "--baton.notification.batch-size=20");
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
            assertThat(repeated).as("repeats come only from the stopped worker's last batch").isLessThanOrEqualTo(20);
        } finally {
            first.close();
            second.close();
            sink.stop(0);
        }
    }

    private static int delivered(JdbcTemplate jdbc, String prefix) {
        Integer n = jdbc.queryForObject("SELECT count(*) FROM delivery WHERE ticket_id LIKE ? AND status = 'DELIVERED'",
                Integer.class, prefix + "-%");
        return n == null ? 0 : n;
    }
}
