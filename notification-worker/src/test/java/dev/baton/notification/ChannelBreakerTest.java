package dev.baton.notification;

import com.sun.net.httpserver.HttpServer;
import dev.baton.engine.BatonJson;
import dev.baton.notification.delivery.Delivery;
import dev.baton.notification.delivery.DeliveryRepository;
import dev.baton.notification.delivery.DeliverySender;
import dev.baton.notification.delivery.DeliveryStatus;
import dev.baton.testing.TestDatabases;
import dev.baton.testing.TestKafka;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One channel's endpoint fails (slowly), another's works. The failing endpoint's breaker opens: its deliveries are
 * then put off without calling it and without spending attempts, while the healthy endpoint's go out at their first
 * attempt. When the failing endpoint answers again, a probe closes its breaker and its deliveries go out.
 */
@SpringBootTest(classes = NotificationWorkerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"spring.config.name=notification-worker", "baton.timers.enabled=false",
                "baton.hooks.enabled=false", "baton.notification.poll-interval=20ms",
                "baton.notification.batch-size=10"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ChannelBreakerTest {
    static final TestDatabases.Database DB = TestDatabases.create("nwbreaker");
    static final AtomicBoolean RECOVERED = new AtomicBoolean();
    static final List<String> DEAD_CALLS = new CopyOnWriteArrayList<>();
    static final List<String> HEALTHY_CALLS = new CopyOnWriteArrayList<>();
    static final HttpServer SERVER = start();

    static HttpServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
            server.createContext("/dead", exchange -> {
                DEAD_CALLS.add(BatonJson.mapper().readTree(exchange.getRequestBody().readAllBytes())
                        .path("deliveryId").asText());
                if (!RECOVERED.get()) {
                    try {
                        Thread.sleep(300); // slow, then failing: what a platform in trouble does
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                exchange.sendResponseHeaders(RECOVERED.get() ? 204 : 503, -1);
                exchange.close();
            });
            server.createContext("/healthy", exchange -> {
                HEALTHY_CALLS.add(BatonJson.mapper().readTree(exchange.getRequestBody().readAllBytes())
                        .path("deliveryId").asText());
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            server.setExecutor(Executors.newCachedThreadPool());
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        String base = "http://127.0.0.1:" + SERVER.getAddress().getPort();
        registry.add("spring.datasource.url", () -> DB.jdbcUrl() + "?currentSchema=notification_worker");
        registry.add("spring.datasource.username", DB::username);
        registry.add("spring.datasource.password", DB::password);
        registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
        registry.add("baton.notification.channels.ops-robot.type", () -> "WEBHOOK");
        registry.add("baton.notification.channels.ops-robot.url", () -> base + "/dead");
        registry.add("baton.notification.channels.hr-robot.type", () -> "WEBHOOK");
        registry.add("baton.notification.channels.hr-robot.url", () -> base + "/healthy");
        registry.add("baton.notification.backoff.initial", () -> "50ms");
        registry.add("baton.notification.backoff.max", () -> "100ms");
        registry.add("baton.notification.backoff.attempts", () -> 100);
        registry.add("baton.notification.breaker.window", () -> 4);
        registry.add("baton.notification.breaker.minimum-calls", () -> 4);
        // long enough for the test to see the breaker open; the probe comes after it
        registry.add("baton.notification.breaker.open-for", () -> "15s");
    }

    @AfterAll
    static void stopServer() {
        SERVER.stop(0);
    }

    @Autowired
    DeliveryRepository deliveries;
    @Autowired
    DeliverySender sender;
    @Autowired
    MeterRegistry meters;

    @Test
    void aFailingEndpointIsLeftAloneWhileItsBreakerIsOpenAndTheOthersAreNotHeldUp() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<Delivery> first = deliveries(run + "-first", "ops-robot", 4);
        deliveries.addAll(first);
        sender.wake(); // written straight into the outbox, not by the listener, which would wake the sender

        await().atMost(Duration.ofSeconds(30)).until(() -> openBreakers() == 1);
        Set<String> calledBeforeOpening = Set.copyOf(DEAD_CALLS);
        List<Delivery> later = deliveries(run + "-later", "ops-robot", 10);
        List<Delivery> healthy = deliveries(run + "-healthy", "hr-robot", 20);
        deliveries.addAll(later);
        deliveries.addAll(healthy);
        sender.wake();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(healthy)
                .allSatisfy(d -> assertThat(deliveries.find(d.deliveryId())).hasValueSatisfying(now -> {
                    assertThat(now.status()).isEqualTo(DeliveryStatus.DELIVERED);
                    assertThat(now.attempts()).as("sent at the first attempt").isEqualTo(1);
                })));
        await().atMost(Duration.ofSeconds(30)).until(() -> meters.counter("baton.notifications.deferred").count()
                >= first.size() + later.size());
        assertThat(openBreakers()).as("still open").isEqualTo(1);
        assertThat(DEAD_CALLS).as("not called while its breaker is open").containsOnlyElementsOf(calledBeforeOpening);
        assertThat(ids(first)).containsAll(calledBeforeOpening);
        assertThat(later).allSatisfy(d -> assertThat(deliveries.find(d.deliveryId())).hasValueSatisfying(now -> {
            assertThat(now.status()).isEqualTo(DeliveryStatus.PENDING);
            assertThat(now.attempts()).as("put off without spending an attempt").isZero();
        }));

        RECOVERED.set(true);

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(later).allSatisfy(d ->
                assertThat(deliveries.find(d.deliveryId())).hasValueSatisfying(now -> {
                    assertThat(now.status()).isEqualTo(DeliveryStatus.DELIVERED);
                    assertThat(now.attempts()).as("sent once, after the endpoint recovered").isEqualTo(1);
                })));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(first).allSatisfy(d ->
                assertThat(deliveries.find(d.deliveryId()).orElseThrow().status()).isEqualTo(DeliveryStatus.DELIVERED)));
        assertThat(openBreakers()).isZero();
        assertThat(HEALTHY_CALLS).containsAll(ids(healthy));
    }

    private double openBreakers() {
        return meters.get("baton.breakers.open").tag("role", "notifications").gauge().value();
    }

    private static List<Delivery> deliveries(String prefix, String channel, int count) {
        Instant now = Instant.now();
        List<Delivery> made = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = prefix + "-" + i + ":0";
            made.add(new Delivery(id, prefix + "-" + i, "e-" + id, "dev.baton.ticket.TicketTransferred.v1",
                    "NEW_TODO", "TRANSFERRED", "bob", channel, "s", "b", "{\"deliveryId\":\"" + id + "\"}",
                    DeliveryStatus.PENDING, 0, 100, now, null, now, now));
        }
        return made;
    }

    private static Set<String> ids(List<Delivery> deliveries) {
        return deliveries.stream().map(Delivery::deliveryId).collect(Collectors.toSet());
    }
}
