package dev.baton.notification;

import dev.baton.api.ticket.Assignment;
import dev.baton.api.workflow.Distribution;
import dev.baton.notification.delivery.DeliveryRepository;
import dev.baton.notification.summary.TicketSummaries;
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

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(classes = NotificationWorkerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=notification-worker")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class NotificationWorkerWithoutWebhookTest {
    static final TestDatabases.Database DB = TestDatabases.create("nw");
    static final TicketEvents EVENTS = new TicketEvents(TestKafka.bootstrapServers());

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> DB.jdbcUrl() + "?currentSchema=notification_worker");
        registry.add("spring.datasource.username", DB::username);
        registry.add("spring.datasource.password", DB::password);
        registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
        // Its own group, so that it never shares the topic's partitions with another test class's worker.
        registry.add("spring.kafka.consumer.group-id", () -> "nw-without-webhook");
        registry.add("baton.notification.webhook-url", () -> "");
    }

    @Autowired
    DeliveryRepository deliveries;
    @Autowired
    TicketSummaries summaries;
    @Autowired
    MeterRegistry meters;

    @AfterAll
    static void closeProducer() {
        EVENTS.close();
    }

    /**
     * This worker's group reads the whole topic, other test classes' tickets included, so the counter is compared
     * with what it was, and the ticket's end (its summary says it ended) shows that all its events were handled: a ticket's
     * events are handled in order.
     */
    @Test
    void withoutAnyChannelNoticesAreCountedAsSkippedAndNoDeliveryIsWritten() {
        double skippedBefore = meters.counter("baton.notifications.skipped").count();
        String ticket = TicketEvents.newTicketId();
        EVENTS.publish(TicketEvents.draft(ticket, "alice"), 0);
        EVENTS.publish(TicketEvents.submitted(ticket, "alice", Assignment.of(Distribution.ANY_ONE, List.of("lena"))), 1);
        EVENTS.publish(TicketEvents.transferred(ticket, "lena", "bob"), 2);
        await().atMost(Duration.ofSeconds(30)).until(() -> summaries.find(ticket).isPresent());

        EVENTS.publish(TicketEvents.finished(ticket, "bob"), 3);
        await().atMost(Duration.ofSeconds(30)).until(() -> summaries.find(ticket).map(s -> s.ended()).orElse(false));

        assertThat(meters.counter("baton.notifications.skipped").count()).isGreaterThanOrEqualTo(skippedBefore + 2);
        assertThat(deliveries.forTicket(ticket)).as("nothing is kept to send").isEmpty();
    }
}
