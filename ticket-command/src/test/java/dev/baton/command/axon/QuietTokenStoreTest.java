package dev.baton.command.axon;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class QuietTokenStoreTest {
    static final String PROCESSOR = "children";

    final Writes writes = new Writes();
    final MovableClock clock = new MovableClock();
    final QuietTokenStore store = new QuietTokenStore(writes, Duration.ofSeconds(2), clock);

    /** Axon's in-memory store, noting every write that reaches it. */
    static final class Writes extends InMemoryTokenStore {
        final List<String> log = new ArrayList<>();

        @Override
        public void storeToken(TrackingToken token, String processorName, int segment) {
            log.add("store " + (token instanceof GapAwareTrackingToken g ? g.getIndex() : token));
            super.storeToken(token, processorName, segment);
        }

        @Override
        public void extendClaim(String processorName, int segment) {
            log.add("extend");
            super.extendClaim(processorName, segment);
        }

        @Override
        public void releaseClaim(String processorName, int segment) {
            log.add("release");
            super.releaseClaim(processorName, segment);
        }
    }

    static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-12-04T10:00:00Z");

        void pass(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    static TrackingToken at(long index) {
        return GapAwareTrackingToken.newInstance(index, Set.of());
    }

    /** The processor claims its segment at start, as a tracking processor does. */
    void claimed() {
        store.storeToken(at(1), PROCESSOR, 0);
        store.fetchToken(PROCESSOR, 0);
        writes.log.clear();
    }

    @Test
    void positionsPastSkippedEventsAreWrittenAtMostOncePerInterval() {
        claimed();

        store.storeToken(at(2), PROCESSOR, 0);
        clock.pass(Duration.ofMillis(1_500));
        store.storeToken(at(5), PROCESSOR, 0);
        assertThat(writes.log).isEmpty();

        clock.pass(Duration.ofMillis(600));
        store.storeToken(at(7), PROCESSOR, 0);

        assertThat(writes.log).containsExactly("store 7");
        assertThat(writes.fetchToken(PROCESSOR, 0)).isEqualTo(at(7));
    }

    @Test
    void aBatchThatHandledEventsIsAlwaysWrittenInItsOwnUnitOfWork() {
        claimed();
        store.storeToken(at(2), PROCESSOR, 0);

        DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("handled"))
                .execute(() -> store.storeToken(at(3), PROCESSOR, 0));

        assertThat(writes.log).containsExactly("store 3");
    }

    /** A store for which "relay" is repeatable, its segment claimed at position 1, as a tracking processor does. */
    QuietTokenStore claimedRelay() {
        QuietTokenStore relayStore = new QuietTokenStore(writes, Duration.ofSeconds(2), clock, Set.of("relay"));
        relayStore.storeToken(at(1), "relay", 0);
        relayStore.fetchToken("relay", 0);
        writes.log.clear();
        return relayStore;
    }

    /** Runs {@code batch} in a unit of work that commits, as a tracking processor's batch that handled events. */
    static void inBatch(Runnable batch) {
        DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("batch")).execute(batch);
    }

    @Test
    void aRepeatableProcessorsHandledBatchesAreWrittenAtMostOncePerInterval() {
        QuietTokenStore relayStore = claimedRelay();

        inBatch(() -> relayStore.storeToken(at(3), "relay", 0));
        clock.pass(Duration.ofMillis(1_500));
        inBatch(() -> relayStore.storeToken(at(5), "relay", 0));
        assertThat(writes.log).isEmpty();

        clock.pass(Duration.ofMillis(600));
        inBatch(() -> relayStore.storeToken(at(6), "relay", 0));
        relayStore.storeToken(at(8), "relay", 0);
        relayStore.releaseClaim("relay", 0);

        assertThat(writes.log).containsExactly("store 6", "store 8", "release");
        // another processor's handled batch is still written at once
        inBatch(() -> relayStore.storeToken(at(2), PROCESSOR, 0));
        assertThat(writes.log).endsWith("store 2");
    }

    @Test
    void aRepeatableProcessorsBatchThatRollsBackLeavesNoPositionToWrite() {
        QuietTokenStore relayStore = claimedRelay();

        DefaultUnitOfWork<?> failed = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("unsent"));
        relayStore.storeToken(at(4), "relay", 0);
        failed.rollback(new IllegalStateException("send not acknowledged"));
        relayStore.releaseClaim("relay", 0);

        assertThat(writes.log).containsExactly("release");
        assertThat(writes.fetchToken("relay", 0)).isEqualTo(at(1));
    }

    @Test
    void theLastPositionIsWrittenBeforeTheClaimIsReleasedOrTheTokenFetchedAgain() {
        claimed();
        store.storeToken(at(4), PROCESSOR, 0);

        store.releaseClaim(PROCESSOR, 0);

        assertThat(writes.log).containsExactly("store 4", "release");

        store.fetchToken(PROCESSOR, 0);
        store.storeToken(at(6), PROCESSOR, 0);
        writes.log.clear();
        assertThat(store.fetchToken(PROCESSOR, 0)).isEqualTo(at(6));
        assertThat(writes.log).containsExactly("store 6");
    }

    @Test
    void aClaimIsExtendedOncePerIntervalOrByWritingWhatWaits() {
        claimed();

        store.extendClaim(PROCESSOR, 0);
        assertThat(writes.log).isEmpty();

        store.storeToken(at(3), PROCESSOR, 0);
        store.extendClaim(PROCESSOR, 0);
        assertThat(writes.log).containsExactly("store 3");

        clock.pass(Duration.ofMillis(1_000));
        store.extendClaim(PROCESSOR, 0);
        clock.pass(Duration.ofMillis(1_000));
        store.extendClaim(PROCESSOR, 0);
        assertThat(writes.log).containsExactly("store 3", "extend");
    }

    @Test
    void resetsAndMovesBackwardGoStraightThrough() {
        claimed();
        store.storeToken(at(9), PROCESSOR, 0);
        clock.pass(Duration.ofSeconds(3));
        store.storeToken(at(9), PROCESSOR, 0);
        writes.log.clear();

        store.storeToken(at(4), PROCESSOR, 0);
        TrackingToken replay = ReplayToken.createReplayToken(at(9), at(0));
        store.storeToken(replay, PROCESSOR, 0);

        assertThat(writes.log).containsExactly("store 4", "store " + replay);
    }

    @Test
    void theFirstPositionOfASegmentAndItsFirstClaimExtensionGoStraightThrough() {
        writes.initializeTokenSegments("resolver", 1);
        store.extendClaim("resolver", 0);
        store.storeToken(at(2), "resolver", 0);

        assertThat(writes.log).containsExactly("extend", "store 2");
    }
}
