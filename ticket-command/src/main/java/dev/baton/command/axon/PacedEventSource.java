package dev.baton.command.axon;

import org.axonframework.common.AxonThreadFactory;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.StreamableMessageSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * The stream of stored events for the processors that need not see an event within milliseconds (open work, child
 * tickets, external resolvers): a second tail of the event store that reads at most once per {@code pace}. The
 * relay keeps the store's own tail, which reads right after each commit, because the lists wait on it.
 * <p>
 * A processor pays per batch: a unit of work, a transaction, its token. On the store's own tail, a processor's batch
 * holds what was committed since its last one, which at a few commands a second is one event, so that cost was paid
 * per event (docs/benchmarks.md, cost model). Read once per pace, a batch holds everything committed meanwhile at
 * any rate; the price is that these processors act up to one pace later.
 * <p>
 * How: an {@link EmbeddedEventStore} of its own over the same storage, whose tailing reads (the only reads that pass
 * {@code mayBlock}) are let through once the pace has passed since the last one, or at once while the last one came
 * back full (a backlog). A commit ({@link #committed()}) wakes the tail when its next read is allowed; without
 * commits it polls every {@code pollInterval}, which is how events that another instance stored are found.
 * Processors behind the tail read storage directly, unpaced, until they catch up.
 */
public final class PacedEventSource implements StreamableMessageSource<TrackedEventMessage<?>>, AutoCloseable {
    private final Tail tail;
    private final PacedReads reads;
    private final ScheduledExecutorService waker;
    private final AtomicBoolean wakeScheduled = new AtomicBoolean();

    public PacedEventSource(EventStorageEngine storage, Duration pace, Duration pollInterval, int fullBatch) {
        this(storage, pace, pollInterval, fullBatch, System::nanoTime);
    }

    PacedEventSource(EventStorageEngine storage, Duration pace, Duration pollInterval, int fullBatch,
                     LongSupplier nanoTime) {
        this.reads = new PacedReads(storage, pace.toNanos(), fullBatch, nanoTime, this::wakeIn);
        this.tail = new Tail(EmbeddedEventStore.builder()
                .storageEngine(reads)
                .fetchDelay(Math.max(1, pollInterval.toMillis()))
                .cachedEvents(1_000)
                .threadFactory(new AxonThreadFactory("paced-event-store")));
        this.waker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "paced-event-store-waker");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Events were committed: the tail reads them as soon as its pace allows. */
    public void committed() {
        wakeIn(reads.untilAllowed());
    }

    private void wakeIn(long nanos) {
        if (wakeScheduled.compareAndSet(false, true)) {
            waker.schedule(() -> {
                wakeScheduled.set(false);
                tail.wake();
            }, Math.max(0, nanos), TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        return tail.openStream(trackingToken);
    }

    @Override
    public TrackingToken createTailToken() {
        return tail.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return tail.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return tail.createTokenAt(dateTime);
    }

    @Override
    public void close() {
        waker.shutdownNow();
        tail.shutDown();
    }

    /** The store whose producer a commit can wake. */
    private static final class Tail extends EmbeddedEventStore {
        Tail(Builder builder) {
            super(builder);
        }

        void wake() {
            afterCommit(List.of());
        }
    }

    /**
     * The storage, with tailing reads let through at most once per pace unless the last one came back full; a read
     * held back asks for a wake when it would be let through.
     */
    static final class PacedReads implements EventStorageEngine {
        private final EventStorageEngine storage;
        private final long paceNanos;
        private final int fullBatch;
        private final LongSupplier nanoTime;
        private final LongConsumer wakeIn;
        private final AtomicLong lastRead;
        private final AtomicInteger lastCount = new AtomicInteger();

        PacedReads(EventStorageEngine storage, long paceNanos, int fullBatch, LongSupplier nanoTime,
                   LongConsumer wakeIn) {
            this.storage = storage;
            this.paceNanos = paceNanos;
            this.fullBatch = fullBatch;
            this.nanoTime = nanoTime;
            this.wakeIn = wakeIn;
            this.lastRead = new AtomicLong(nanoTime.getAsLong() - paceNanos);
        }

        /** Nanoseconds until a tailing read is let through (0 or less: now). */
        long untilAllowed() {
            return lastCount.get() >= fullBatch ? 0 : lastRead.get() + paceNanos - nanoTime.getAsLong();
        }

        @Override
        public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
            if (!mayBlock) {
                return storage.readEvents(trackingToken, false); // a processor catching up on its own
            }
            long wait = untilAllowed();
            if (wait > 0) {
                wakeIn.accept(wait);
                return Stream.empty();
            }
            lastRead.set(nanoTime.getAsLong());
            lastCount.set(0);
            // counted as the tail takes each event (a filter, so that no terminal operation skips the count)
            return storage.readEvents(trackingToken, true).filter(event -> {
                lastCount.incrementAndGet();
                return true;
            });
        }

        @Override
        public void appendEvents(List<? extends EventMessage<?>> events) {
            throw new UnsupportedOperationException("The paced event source only reads");
        }

        @Override
        public void storeSnapshot(DomainEventMessage<?> snapshot) {
            throw new UnsupportedOperationException("The paced event source only reads");
        }

        @Override
        public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
            return storage.readEvents(aggregateIdentifier, firstSequenceNumber);
        }

        @Override
        public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
            return storage.readSnapshot(aggregateIdentifier);
        }

        @Override
        public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
            return storage.lastSequenceNumberFor(aggregateIdentifier);
        }

        @Override
        public TrackingToken createTailToken() {
            return storage.createTailToken();
        }

        @Override
        public TrackingToken createHeadToken() {
            return storage.createHeadToken();
        }

        @Override
        public TrackingToken createTokenAt(Instant dateTime) {
            return storage.createTokenAt(dateTime);
        }
    }
}
