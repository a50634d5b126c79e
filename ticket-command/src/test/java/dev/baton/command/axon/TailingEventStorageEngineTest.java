package dev.baton.command.axon;

import dev.baton.command.CommandSchema;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class TailingEventStorageEngineTest {
    static final DataSource DB = CommandSchema.migrated("tailing");
    final JdbcTemplate jdbc = new JdbcTemplate(DB);
    final AtomicInteger statements = new AtomicInteger();
    final AxonStorageConfiguration config = new AxonStorageConfiguration();
    TailingEventStorageEngine engine;

    @BeforeEach
    void emptyStore() {
        jdbc.update("TRUNCATE domain_event_entry RESTART IDENTITY");
        engine = engine(3);
    }

    TailingEventStorageEngine engine(int batchSize) {
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
        return TailingEventStorageEngine.of(JdbcEventStorageEngine.builder()
                .connectionProvider(this::countingConnection)
                .transactionManager(NoTransactionManager.instance())
                .snapshotSerializer(serializer).eventSerializer(serializer)
                .schema(config.eventSchema())
                .batchSize(batchSize));
    }

    Connection countingConnection() throws java.sql.SQLException {
        Connection connection = DB.getConnection();
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[]{Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().startsWith("prepare")) {
                        statements.incrementAndGet();
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    void append(String ticket, int... sequences) {
        for (int sequence : sequences) {
            engine.appendEvents(new GenericDomainEventMessage<>("Ticket", ticket, sequence, ticket + "#" + sequence));
        }
    }

    List<TrackedEventMessage<?>> readAfter(TrackingToken token) {
        return engine.readEvents(token, true).<TrackedEventMessage<?>>map(m -> m).toList();
    }

    static List<Object> payloads(List<TrackedEventMessage<?>> events) {
        return events.stream().map(m -> (Object) m.getPayload()).toList();
    }

    @Test
    void readsEveryEventInOrderAcrossBatches() {
        append("a", 0, 1, 2, 3);
        append("b", 0, 1, 2);

        List<TrackedEventMessage<?>> all = readAfter(null);

        assertThat(payloads(all)).containsExactly("a#0", "a#1", "a#2", "a#3", "b#0", "b#1", "b#2");
        assertThat(payloads(readAfter(all.get(4).trackingToken()))).containsExactly("b#1", "b#2");
    }

    @Test
    void aShortBatchEndsTheStreamWithoutAnotherQuery() {
        append("a", 0, 1, 2, 3);

        statements.set(0);
        assertThat(readAfter(null)).hasSize(4);

        // a full batch of 3, then a short one of 1: two statements, no empty read and no gap check after them
        assertThat(statements.get()).isEqualTo(2);
    }

    @Test
    void aFullLastBatchCostsOneEmptyRead() {
        append("a", 0, 1, 2);

        statements.set(0);
        assertThat(readAfter(null)).hasSize(3);

        assertThat(statements.get()).isEqualTo(2);
    }

    @Test
    void readsPastAGapLargerThanTheBatch() {
        append("a", 0, 1);
        TrackingToken seen = readAfter(null).get(1).trackingToken();
        // 500 appends that rolled back would leave this hole in the global index
        jdbc.queryForObject("SELECT setval(pg_get_serial_sequence('domain_event_entry', 'global_index'),"
                + " (SELECT max(global_index) FROM domain_event_entry) + 500)", Long.class);
        append("a", 2);

        List<TrackedEventMessage<?>> after = readAfter(seen);

        assertThat(payloads(after)).containsExactly("a#2");
        GapAwareTrackingToken token = (GapAwareTrackingToken) after.get(0).trackingToken();
        assertThat(token.getIndex()).isEqualTo(503);
        assertThat(token.getGaps()).hasSize(500).contains(3L, 502L);
    }

    @Test
    void anEventCommittedLateIntoAGapIsReadWhenItFills() {
        append("a", 0);
        long reserved = jdbc.queryForObject(
                "SELECT nextval(pg_get_serial_sequence('domain_event_entry', 'global_index'))", Long.class);
        append("a", 1);
        TrackingToken seen = readAfter(null).get(1).trackingToken();
        assertThat(((GapAwareTrackingToken) seen).getGaps()).containsExactly(reserved);

        // the transaction that took the reserved index commits now
        jdbc.update("""
                INSERT INTO domain_event_entry (global_index, event_identifier, aggregate_identifier, sequence_number,
                    type, time_stamp, payload_type, payload_revision, payload, meta_data)
                SELECT ?, 'late', 'late', 0, type, time_stamp, payload_type, payload_revision, payload, meta_data
                FROM domain_event_entry WHERE sequence_number = 0 AND aggregate_identifier = 'a'""", reserved);
        append("a", 2);

        List<TrackedEventMessage<?>> after = readAfter(seen);

        assertThat(payloads(after)).containsExactly("a#0", "a#2");
        assertThat(after.get(0).getIdentifier()).isEqualTo("late");
        assertThat(((GapAwareTrackingToken) after.get(1).trackingToken()).getGaps()).isEmpty();
    }

    @Test
    void aProcessorFarBehindReadsFromItsPositionAtTheCostOfOneStatementPerBatch() {
        engine = engine(50);
        for (int i = 0; i < 120; i++) {
            append("t" + i, 0);
        }

        statements.set(0);
        List<TrackedEventMessage<?>> all = readAfter(null);

        assertThat(all).hasSize(120);
        assertThat(statements.get()).isEqualTo(3);
        assertThat(payloads(readAfter(all.get(99).trackingToken()))).hasSize(20).first().isEqualTo("t100#0");
    }
}
