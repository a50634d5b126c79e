package dev.baton.notification;

import dev.baton.api.CloudEventHeaders;
import dev.baton.api.Topics;
import dev.baton.api.ticket.Assignment;
import dev.baton.api.ticket.TicketStatus;
import dev.baton.api.ticket.event.TicketCreated;
import dev.baton.api.ticket.event.TicketEvent;
import dev.baton.api.ticket.event.TicketEventTypes;
import dev.baton.api.workflow.Distribution;
import dev.baton.notification.consumer.TicketEventListener;
import dev.baton.notification.summary.TicketSummaries;
import dev.baton.notification.summary.TicketSummary;
import dev.baton.notification.delivery.DeliveryPlanner;
import dev.baton.support.BatonProperties;
import dev.baton.support.kafka.TicketEventCodec;
import dev.baton.support.replica.WorkflowCatalog;
import dev.baton.testing.TestDatabases;
import dev.baton.testing.TestKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.test.utils.ContainerTestUtils;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * The notification listener takes a poll at a time: several events of one ticket in a poll chain (each sees the
 * summary the one before produced) and end in the summary and deliveries that following them one by one gives; a
 * poll with a record that fails keeps the records before it and reports the failing one by its index, which the
 * role's error handler then parks while the partition goes on. A poll costs one transaction and two statements on
 * {@code ticket_summary}, however many records and tickets it holds.
 */
@SpringBootTest(classes = NotificationWorkerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=notification-worker", "baton.consumer.max-retries=1",
                "baton.consumer.initial-interval=20ms", "baton.consumer.max-interval=50ms"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class NotificationBatchTest {
    static final TestDatabases.Database DB = TestDatabases.create("nwbatch");
    static final WebhookServer WEBHOOK = WebhookServer.start();
    static final TicketEvents EVENTS = new TicketEvents(TestKafka.bootstrapServers());
    static final AtomicBoolean STARTED = new AtomicBoolean();
    /** The columns planning writes (status, attempts and times change as the sender sends). */
    static final String PLANNED = "delivery_id, ticket_id, event_id, event_type, kind, reason, recipient, channel,"
            + " subject, body, payload, max_attempts";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> DB.jdbcUrl() + "?currentSchema=notification_worker");
        registry.add("spring.datasource.username", DB::username);
        registry.add("spring.datasource.password", DB::password);
        registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
        registry.add("baton.notification.webhook-url", WEBHOOK::url);
        registry.add("baton.notification.poll-interval", () -> "50ms");
    }

    @Autowired
    TicketEventListener listener;
    @Autowired
    TicketSummaries summaries;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    KafkaListenerEndpointRegistry listeners;
    @Autowired
    BatonProperties baton;
    @Autowired
    TicketEventCodec codec;
    @Autowired
    DeliveryPlanner planner;
    @Autowired
    WorkflowCatalog catalog;
    @Autowired
    DataSource dataSource;
    @Autowired
    PlatformTransactionManager transactionManager;

    long offset;

    @BeforeEach
    void start() {
        if (STARTED.compareAndSet(false, true)) {
            ContainerTestUtils.waitForAssignment(listeners.getListenerContainer(TicketEventListener.LISTENER_ID),
                    baton.kafka().partitions());
            EVENTS.publishDemoDirectory();
        }
    }

    @AfterAll
    static void close() {
        EVENTS.close();
    }

    static TicketCreated waitingForLena(String ticketId, String title) {
        return new TicketCreated(ticketId, "LR-000091", "leave-request", 1, "Leave request", title, "alice",
                "hr-portal", TicketEvents.now(), Map.of("days", 3L), TicketEvents.LEADER_APPROVAL,
                Assignment.of(Distribution.ANY_ONE, List.of("lena")), TicketStatus.IN_PROGRESS);
    }

    /** A record of the events topic as ticket-command writes it (never published: handed to the listener). */
    ConsumerRecord<String, String> record(String ticketId, String ceType, String json) {
        ConsumerRecord<String, String> record = new ConsumerRecord<>(Topics.TICKET_EVENTS, 0, offset++, ticketId,
                json);
        header(record, CloudEventHeaders.SPEC_VERSION, "1.0");
        header(record, CloudEventHeaders.ID, UUID.randomUUID().toString());
        header(record, CloudEventHeaders.TYPE, ceType);
        header(record, CloudEventHeaders.SOURCE, "/baton/ticket-command");
        header(record, CloudEventHeaders.SUBJECT, ticketId);
        header(record, CloudEventHeaders.TIME, Instant.now().toString());
        header(record, CloudEventHeaders.SEQUENCE, Long.toString(offset));
        header(record, CloudEventHeaders.CONTENT_TYPE, "application/json");
        return record;
    }

    ConsumerRecord<String, String> record(TicketEvent event) {
        try {
            return record(event.ticketId(), TicketEventTypes.ceType(event.getClass()),
                    TicketEvents.JSON.writeValueAsString(event));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A record whose value is not the JSON its type says. */
    ConsumerRecord<String, String> unreadable(String ticketId) {
        return record(ticketId, TicketEventTypes.ceType(TicketCreated.class), "{\"ticketId\": \"" + ticketId);
    }

    private static void header(ConsumerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    List<Map<String, Object>> planned(String ticketId) {
        return jdbc.queryForList("SELECT " + PLANNED + " FROM delivery WHERE ticket_id = ? ORDER BY delivery_id",
                ticketId);
    }

    void forget(String ticketId) {
        jdbc.update("DELETE FROM delivery WHERE ticket_id = ?", ticketId);
        jdbc.update("DELETE FROM ticket_summary WHERE ticket_id = ?", ticketId);
    }

    /** What the notification role parked of the ticket (the timer and hook roles read the same records). */
    List<Map<String, Object>> parkedOf(String ticketId) {
        return jdbc.queryForList("SELECT parked_id, role, attempts, error FROM parked_event"
                + " WHERE record_key = convert_to(?, 'UTF8') AND role = ? ORDER BY parked_id", ticketId,
                TicketEventListener.ROLE);
    }

    @Test
    void severalEventsOfOneTicketInAPollEndAsFollowingThemOneByOneDoes() {
        String ticketId = TicketEvents.newTicketId();
        String other = TicketEvents.newTicketId();
        List<ConsumerRecord<String, String>> poll = List.of(
                record(waitingForLena(ticketId, "Three days off")),
                record(waitingForLena(other, "One day off")),
                record(TicketEvents.transferred(ticketId, "lena", "bob")),
                record(TicketEvents.finished(ticketId, "bob")));

        listener.on(poll);
        TicketSummary atOnce = summaries.find(ticketId).orElseThrow();
        List<Map<String, Object>> plannedAtOnce = planned(ticketId);

        assertThat(atOnce.title()).as("the last event saw the summary the creation produced")
                .isEqualTo("Three days off");
        assertThat(atOnce.ended()).isTrue();
        assertThat(atOnce.status()).isEqualTo("FINISHED");
        assertThat(atOnce.participants()).contains("alice", "lena", "bob");
        assertThat(plannedAtOnce.stream().map(d -> d.get("event_id")).distinct())
                .as("each of the ticket's events was told").hasSize(3);
        assertThat(summaries.find(other)).hasValueSatisfying(s -> assertThat(s.title()).isEqualTo("One day off"));

        forget(ticketId);
        for (ConsumerRecord<String, String> record : poll) {
            if (record.key().equals(ticketId)) {
                listener.handle(record);
            }
        }
        assertThat(summaries.find(ticketId)).contains(atOnce);
        assertThat(planned(ticketId)).isEqualTo(plannedAtOnce);
    }

    @Test
    void aPollCostsOneTransactionAndTwoSummaryStatementsHoweverManyRecordsItHolds() {
        AtomicInteger statements = new AtomicInteger();
        AtomicInteger transactions = new AtomicInteger();
        TicketEventListener counted = new TicketEventListener(codec, new TicketSummaries(new JdbcTemplate(
                counting(dataSource, statements))), planner, catalog, new TransactionTemplate(transactionManager) {
            @Override
            public <T> T execute(TransactionCallback<T> action) {
                transactions.incrementAndGet();
                return super.execute(action);
            }
        });
        List<ConsumerRecord<String, String>> poll = new ArrayList<>();
        List<String> tickets = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String ticketId = TicketEvents.newTicketId();
            tickets.add(ticketId);
            poll.add(record(waitingForLena(ticketId, "Ticket " + i)));
        }
        for (String ticketId : tickets) {
            poll.add(record(TicketEvents.transferred(ticketId, "lena", "bob")));
            poll.add(record(TicketEvents.finished(ticketId, "bob")));
        }

        counted.on(poll);

        assertThat(transactions.get()).as("transactions of a poll of %d records", poll.size()).isEqualTo(1);
        assertThat(statements.get()).as("statements on ticket_summary of a poll of %d records", poll.size())
                .isEqualTo(2);
        tickets.forEach(t -> assertThat(summaries.find(t)).hasValueSatisfying(s -> assertThat(s.ended()).isTrue()));

        statements.set(0);
        transactions.set(0);
        counted.handle(record(TicketEvents.closed(tickets.get(0), "alice")));
        assertThat(transactions.get()).as("a single record (a parked one retried)").isEqualTo(1);
        assertThat(statements.get()).isEqualTo(2);
    }

    /** {@code dataSource}, counting the statements prepared on it (in the transaction under way, if any). */
    static DataSource counting(DataSource dataSource, AtomicInteger statements) {
        return new DelegatingDataSource(dataSource) {
            @Override
            public Connection getConnection() {
                Connection connection = DataSourceUtils.getConnection(dataSource);
                return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                        new Class<?>[]{Connection.class}, (proxy, method, args) -> {
                            if (method.getName().equals("close")) {
                                DataSourceUtils.releaseConnection(connection, dataSource);
                                return null;
                            }
                            if (method.getName().startsWith("prepare") || method.getName().equals("createStatement")) {
                                statements.incrementAndGet();
                            }
                            try {
                                return method.invoke(connection, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
            }
        };
    }

    @Test
    void aPollWithAnUnreadableRecordKeepsTheRecordsBeforeItAndNamesTheFailingOne() {
        String before = TicketEvents.newTicketId();
        String broken = TicketEvents.newTicketId();
        String after = TicketEvents.newTicketId();
        List<ConsumerRecord<String, String>> poll = List.of(record(waitingForLena(before, "Before")),
                unreadable(broken), record(waitingForLena(after, "After")));

        BatchListenerFailedException failure = catchThrowableOfType(BatchListenerFailedException.class,
                () -> listener.on(poll));

        assertThat(failure).isNotNull();
        assertThat(failure.getIndex()).isEqualTo(1);
        assertThat(summaries.find(before)).isPresent();
        assertThat(planned(before)).isNotEmpty();
        assertThat(summaries.find(broken)).isEmpty();
        assertThat(summaries.find(after)).as("left to the error handler, which seeks back to the failing record")
                .isEmpty();
    }

    @Test
    void aPollWhoseWriteTheStoreRefusesKeepsTheRecordsBeforeTheRefusedOne() {
        String first = TicketEvents.newTicketId();
        String second = TicketEvents.newTicketId();
        String refused = TicketEvents.newTicketId();
        List<ConsumerRecord<String, String>> poll = List.of(record(waitingForLena(first, "First")),
                record(TicketEvents.transferred(first, "lena", "bob")), record(waitingForLena(second, "Second")),
                record(waitingForLena(refused, "Three\u0000days off")));

        BatchListenerFailedException failure = catchThrowableOfType(BatchListenerFailedException.class,
                () -> listener.on(poll));

        assertThat(failure).isNotNull();
        assertThat(failure.getIndex()).isEqualTo(3);
        assertThat(summaries.find(first)).hasValueSatisfying(s -> assertThat(s.assignees()).containsExactly("bob"));
        assertThat(planned(first).stream().map(d -> d.get("event_id")).distinct()).hasSize(2);
        assertThat(summaries.find(second)).isPresent();
        assertThat(summaries.find(refused)).isEmpty();
    }

    @Test
    void theErrorHandlerParksTheFailingRecordOfAPollAndTheRestOfThePollIsFollowed() {
        String before = TicketEvents.newTicketId();
        String broken = EVENTS.newTicketIdOnThePartitionOf(before);
        String after = EVENTS.newTicketIdOnThePartitionOf(before);
        MessageListenerContainer container = listeners.getListenerContainer(TicketEventListener.LISTENER_ID);
        // held while the records are published, so that they come in one poll
        container.pause();
        try {
            await().atMost(Duration.ofSeconds(30)).until(container::isContainerPaused);
            EVENTS.publish(waitingForLena(before, "Before"), 0);
            EVENTS.publishRaw(broken, TicketEventTypes.ceType(TicketCreated.class), UUID.randomUUID().toString(), 0,
                    "{\"ticketId\": \"" + broken);
            EVENTS.publish(waitingForLena(after, "After"), 0);
            EVENTS.publish(TicketEvents.transferred(after, "lena", "bob"), 1);
        } finally {
            container.resume();
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> summaries.find(after)
                .map(s -> s.assignees().equals(List.of("bob"))).orElse(false));
        await().atMost(Duration.ofSeconds(30)).until(() -> !parkedOf(broken).isEmpty());
        assertThat(parkedOf(broken)).hasSize(1);
        assertThat(parkedOf(broken).get(0)).containsEntry("role", "notifications").containsEntry("attempts", 1);
        assertThat(summaries.find(before)).isPresent();
        assertThat(summaries.find(broken)).isEmpty();
        assertThat(parkedOf(before)).isEmpty();
        assertThat(parkedOf(after)).isEmpty();
        assertThat(planned(after).stream().map(d -> d.get("event_id")).distinct()).hasSize(2);
    }
}
