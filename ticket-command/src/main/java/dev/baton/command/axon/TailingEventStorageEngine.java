package dev.baton.command.axon;

import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Axon's JDBC storage engine, reading the stream of all events for the relay and the processors with one statement
 * per batch instead of up to three.
 * <p>
 * Axon reads a batch as the global indexes in {@code (index, index + batchSize]}. Since that range can be empty while
 * events lie beyond it (a run of rolled-back appends leaves a gap in the sequence), it runs an extra query whenever a
 * batch comes back empty ({@code SELECT min(global_index) ...}), and it always reads once more after a batch, since
 * a short batch proves nothing either. At the head of the stream, where the processors live, that made three
 * statements (three transactions) for every commit they were woken for: the batch, an empty one, and the gap check.
 * <p>
 * Here a batch is the next {@code batchSize} events after the index, whatever their numbers ({@code ORDER BY
 * global_index LIMIT batchSize}), together with any of the token's gaps that have filled since: a gap of any size is
 * read past at once, so the extra check is off, and a batch shorter than {@code batchSize} proves that nothing more
 * is committed, so the stream ends there. Gaps are tracked exactly as Axon tracks them (the token still records every
 * skipped index, up to Axon's maximum gap offset, and reads them again until they fill or time out).
 */
public class TailingEventStorageEngine extends JdbcEventStorageEngine {

    protected TailingEventStorageEngine(Builder builder) {
        super(builder.extendedGapCheckEnabled(false)
                .readEventDataWithoutGaps(TailingEventStorageEngine::nextEvents)
                .readEventDataWithGaps(TailingEventStorageEngine::nextEventsAndGaps));
    }

    /** An engine built from {@code builder}, with this class's reads of the event stream. */
    public static TailingEventStorageEngine of(Builder builder) {
        return new TailingEventStorageEngine(builder);
    }

    static PreparedStatement nextEvents(Connection connection, EventSchema schema, long globalIndex, int batchSize)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement("SELECT " + schema.trackedEventFields()
                + " FROM " + schema.domainEventTable() + " WHERE " + schema.globalIndexColumn() + " > ?"
                + " ORDER BY " + schema.globalIndexColumn() + " ASC LIMIT ?");
        statement.setLong(1, globalIndex);
        statement.setInt(2, batchSize);
        return statement;
    }

    static PreparedStatement nextEventsAndGaps(Connection connection, EventSchema schema, long globalIndex,
                                               int batchSize, List<Long> gaps) throws SQLException {
        // the filled gaps and the next events as two index reads (an OR of both would read the whole index past
        // the token when a processor is far behind); the gaps as one array parameter, so the statement is one text
        String fields = schema.trackedEventFields();
        String index = schema.globalIndexColumn();
        String table = schema.domainEventTable();
        PreparedStatement statement = connection.prepareStatement("SELECT " + fields + " FROM ("
                + "(SELECT " + fields + " FROM " + table + " WHERE " + index + " = ANY (?))"
                + " UNION ALL (SELECT " + fields + " FROM " + table + " WHERE " + index + " > ?"
                + " ORDER BY " + index + " ASC LIMIT ?)) events ORDER BY " + index + " ASC LIMIT ?");
        statement.setArray(1, connection.createArrayOf("bigint", gaps.toArray()));
        statement.setLong(2, globalIndex);
        statement.setInt(3, batchSize);
        statement.setInt(4, batchSize);
        return statement;
    }

    /** The events after {@code token}, a batch at a time, ending after the first batch that is not full. */
    @Override
    protected Stream<? extends TrackedEventData<?>> readEventData(TrackingToken token, boolean mayBlock) {
        return StreamSupport.stream(new Batches(token), false);
    }

    private final class Batches extends Spliterators.AbstractSpliterator<TrackedEventData<?>> {
        private TrackingToken last;
        private Iterator<? extends TrackedEventData<?>> batch = Collections.emptyIterator();
        private boolean lastBatch;

        private Batches(TrackingToken token) {
            super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
            this.last = token;
        }

        @Override
        public boolean tryAdvance(Consumer<? super TrackedEventData<?>> action) {
            if (!batch.hasNext()) {
                if (lastBatch) {
                    return false;
                }
                List<? extends TrackedEventData<?>> items = fetchTrackedEvents(last, batchSize());
                lastBatch = items.size() < batchSize();
                batch = items.iterator();
                if (!batch.hasNext()) {
                    return false;
                }
            }
            TrackedEventData<?> next = batch.next();
            last = next.trackingToken();
            action.accept(next);
            return true;
        }
    }
}
