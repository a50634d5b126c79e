package dev.baton.command.axon;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class PacedEventSourceTest {
    static final long PACE = Duration.ofMillis(250).toNanos();

    /** Storage that counts the tailing reads (those that pass {@code mayBlock}) and what they returned. */
    static class CountingStorage extends InMemoryEventStorageEngine {
        final AtomicInteger tailingReads = new AtomicInteger();
        final AtomicInteger tailingReadsWithEvents = new AtomicInteger();
        final AtomicInteger otherReads = new AtomicInteger();
        int limit = Integer.MAX_VALUE;

        @Override
        public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
            if (!mayBlock) {
                otherReads.incrementAndGet();
                return super.readEvents(trackingToken, false);
            }
            tailingReads.incrementAndGet();
            List<TrackedEventMessage<?>> read = new ArrayList<>();
            super.readEvents(trackingToken, true).limit(limit).forEach(read::add);
            if (!read.isEmpty()) {
                tailingReadsWithEvents.incrementAndGet();
            }
            return read.stream();
        }

        void store(String ticketId, long sequence) {
            appendEvents(new GenericDomainEventMessage<>("Ticket", ticketId, sequence, "event " + sequence));
        }
    }

    final CountingStorage storage = new CountingStorage();
    final AtomicLong now = new AtomicLong(1_000_000_000L);
    final List<Long> wakesAskedIn = new ArrayList<>();
    final PacedEventSource.PacedReads reads = new PacedEventSource.PacedReads(storage, PACE, 3, now::get,
            wakesAskedIn::add);

    @Test
    void letsTheFirstTailingReadThroughAndHoldsTheNextOneUntilThePaceHasPassed() {
        storage.store("t1", 0);

        assertThat(reads.readEvents(null, true).count()).isEqualTo(1);
        storage.store("t1", 1);
        now.addAndGet(PACE / 5);

        assertThat(reads.readEvents(null, true).count()).as("held back").isZero();
        assertThat(storage.tailingReads).as("without asking the storage").hasValue(1);
        assertThat(wakesAskedIn).as("a wake when the read will be let through").containsExactly(PACE - PACE / 5);

        now.addAndGet(PACE - PACE / 5);
        assertThat(reads.readEvents(null, true).count()).isEqualTo(2);
        assertThat(storage.tailingReads).hasValue(2);
    }

    @Test
    void readsAgainAtOnceWhileTheLastReadCameBackFull() {
        storage.limit = 3;
        for (int i = 0; i < 4; i++) {
            storage.store("t1", i);
        }

        List<? extends TrackedEventMessage<?>> full = reads.readEvents(null, true).toList();
        assertThat(full).as("a full batch").hasSize(3);
        assertThat(reads.untilAllowed()).as("a backlog is read without waiting").isLessThanOrEqualTo(0);

        TrackingToken last = full.get(2).trackingToken();
        assertThat(reads.readEvents(last, true).count()).as("the rest, a short batch").isEqualTo(1);
        assertThat(reads.untilAllowed()).as("caught up: the next read waits for the pace").isEqualTo(PACE);
        assertThat(reads.readEvents(last, true).count()).isZero();
    }

    @Test
    void neverHoldsBackAProcessorThatReadsBehindTheTail() {
        storage.store("t1", 0);
        reads.readEvents(null, true).count();

        assertThat(reads.readEvents(null, false).count()).isEqualTo(1);
        assertThat(reads.readEvents(null, false).count()).isEqualTo(1);
        assertThat(storage.otherReads).hasValue(2);
    }

    @Test
    void aBurstOfCommitsIsReadInOneGoAndNothingIsLostOrReordered() throws InterruptedException {
        try (PacedEventSource source = new PacedEventSource(storage, Duration.ofSeconds(1), Duration.ofSeconds(30), 100);
             BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null)) {
            assertThat(stream.hasNextAvailable(200, TimeUnit.MILLISECONDS)).isFalse();
            int readsBefore = storage.tailingReadsWithEvents.get();

            for (int i = 0; i < 20; i++) {
                storage.store("t" + (i % 3), i);
                source.committed();
            }
            List<Object> seen = new ArrayList<>();
            while (seen.size() < 20 && stream.hasNextAvailable(5, TimeUnit.SECONDS)) {
                seen.add(stream.nextAvailable().getPayload());
            }

            assertThat(seen).hasSize(20).first().isEqualTo("event 0");
            assertThat(seen).last().isEqualTo("event 19");
            assertThat(storage.tailingReadsWithEvents.get() - readsBefore)
                    .as("20 commits within the pace, read by at most two tailing reads").isBetween(1, 2);
        }
    }
}
