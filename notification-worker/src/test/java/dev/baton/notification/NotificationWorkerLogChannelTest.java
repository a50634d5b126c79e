package dev.baton.notification;

import dev.baton.api.ticket.Assignment;
import dev.baton.api.workflow.Distribution;
import dev.baton.notification.delivery.DeliveryRepository;
import dev.baton.notification.summary.TicketSummaries;
import dev.baton.testing.TestDatabases;
import dev.baton.testing.TestKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The demo channel (type LOG, the standalone's default): each notice is a line in the log, and nothing is kept. */
@SpringBootTest(classes = NotificationWorkerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=notification-worker", "baton.notification.channels.log.type=LOG",
                "baton.notification.default-channels[0]=log"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class NotificationWorkerLogChannelTest {
    static final TestDatabases.Database DB = TestDatabases.create("nwlog");
    static final TicketEvents EVENTS = new TicketEvents(TestKafka.bootstrapServers());

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> DB.jdbcUrl() + "?currentSchema=notification_worker");
        registry.add("spring.datasource.username", DB::username);
        registry.add("spring.datasource.password", DB::password);
        registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
        registry.add("spring.kafka.consumer.group-id", () -> "nw-log-channel");
        registry.add("baton.notification.webhook-url", () -> "");
    }

    @Autowired
    DeliveryRepository deliveries;
    @Autowired
    TicketSummaries summaries;

    @AfterAll
    static void closeProducer() {
        EVENTS.close();
    }

    @Test
    void eachNoticeIsALineInTheLogAndNoDeliveryIsKept(CapturedOutput output) {
        String ticket = TicketEvents.newTicketId();
        EVENTS.publish(TicketEvents.draft(ticket, "alice"), 0);
        EVENTS.publish(TicketEvents.submitted(ticket, "alice", Assignment.of(Distribution.ANY_ONE, List.of("lena"))), 1);
        EVENTS.publish(TicketEvents.transferred(ticket, "lena", "bob"), 2);
        EVENTS.publish(TicketEvents.finished(ticket, "bob"), 3);
        await().atMost(Duration.ofSeconds(30)).until(() -> summaries.find(ticket).map(s -> s.ended()).orElse(false));

        List<String> notices = output.getOut().lines()
                .filter(line -> line.contains("Notice for ") && line.contains("(ticket " + ticket + ")")).toList();
        assertThat(notices).anySatisfy(line -> assertThat(line).contains("Notice for lena: NEW_TODO"));
        assertThat(notices).anySatisfy(line -> assertThat(line).contains("Notice for bob: NEW_TODO"));
        assertThat(deliveries.forTicket(ticket)).as("a log channel keeps nothing to send").isEmpty();
    }
}
