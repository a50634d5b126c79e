package dev.baton.support.poll;

import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A poller looks again soon after work, ever later while idle up to its ceiling, never past the next due time, and at
 * once when woken, even by a wake that came before it began to wait.
 */
class PacerTest {
    static final Duration INTERVAL = Duration.ofMillis(200);
    static final Duration CEILING = Duration.ofSeconds(5);
    static final Duration LONG = Duration.ofMinutes(10);
    static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");

    @Test
    void backsOffWhileIdleUpToTheCeilingAndReturnsToTheIntervalAfterWork() {
        Pacer pacer = new Pacer(INTERVAL, CEILING);

        assertThat(pacer.afterWork()).isEqualTo(INTERVAL);
        assertThat(pacer.afterNoWork(null, NOW)).isEqualTo(Duration.ofMillis(400));
        assertThat(pacer.afterNoWork(null, NOW)).isEqualTo(Duration.ofMillis(800));
        assertThat(pacer.afterNoWork(null, NOW)).isEqualTo(Duration.ofMillis(1600));
        assertThat(pacer.afterNoWork(null, NOW)).isEqualTo(Duration.ofMillis(3200));
        for (int i = 0; i < 100; i++) {
            assertThat(pacer.afterNoWork(null, NOW)).as("idle: the ceiling").isEqualTo(CEILING);
        }

        assertThat(pacer.afterWork()).as("work: the short interval again").isEqualTo(INTERVAL);
        assertThat(pacer.afterNoWork(null, NOW)).as("and the idle waits start over").isEqualTo(Duration.ofMillis(400));
    }

    @Test
    void anIdleWaitEndsAtTheNextDueTime() {
        Pacer pacer = new Pacer(INTERVAL, CEILING);
        for (int i = 0; i < 10; i++) {
            pacer.afterNoWork(null, NOW);
        }

        assertThat(pacer.afterNoWork(NOW.plusSeconds(2), NOW)).as("due before the ceiling").isEqualTo(Duration.ofSeconds(2));
        assertThat(pacer.afterNoWork(NOW.plusSeconds(60), NOW)).as("due after the ceiling").isEqualTo(CEILING);
        assertThat(pacer.afterNoWork(NOW.plusMillis(50), NOW)).as("due sooner than the interval")
                .isEqualTo(Duration.ofMillis(50));
        assertThat(pacer.afterNoWork(NOW.minusSeconds(1), NOW)).as("due already, held by another").isEqualTo(INTERVAL);
        assertThat(pacer.afterNoWork(NOW, NOW)).as("due now, held by another").isEqualTo(INTERVAL);
    }

    @Test
    void aWakeDuringAWaitEndsIt() throws Exception {
        Pacer pacer = new Pacer(INTERVAL, CEILING);
        CompletableFuture<Boolean> waited = new CompletableFuture<>();
        Thread poller = new Thread(() -> waited.complete(await(pacer, LONG)));
        poller.start();
        while (poller.getState() != Thread.State.TIMED_WAITING && !waited.isDone()) {
            Thread.onSpinWait();
        }

        pacer.wake();

        assertThat(waited.get(30, TimeUnit.SECONDS)).as("ended by the wake, long before its time").isTrue();
    }

    @Test
    void aWakeThatComesBeforeTheWaitIsNotLost() throws Exception {
        Pacer pacer = new Pacer(INTERVAL, CEILING);
        pacer.wake(); // the work came while the poller was still looking

        assertThat(CompletableFuture.supplyAsync(() -> await(pacer, LONG)).get(30, TimeUnit.SECONDS))
                .as("the next wait ends at once").isTrue();
        assertThat(await(pacer, Duration.ofMillis(1))).as("one wake ends one wait").isFalse();
    }

    @Test
    void aWakeStartsTheIdleWaitsOverFromTheInterval() throws Exception {
        Pacer pacer = new Pacer(INTERVAL, CEILING);
        for (int i = 0; i < 10; i++) {
            pacer.afterNoWork(null, NOW);
        }
        pacer.wake();
        assertThat(pacer.await(LONG)).isTrue();

        assertThat(pacer.afterNoWork(null, NOW)).isEqualTo(Duration.ofMillis(400));
    }

    @Test
    void aWaitNobodyEndsRunsOut() throws Exception {
        assertThat(new Pacer(INTERVAL, CEILING).await(Duration.ofMillis(20))).isFalse();
    }

    @Test
    void aWakeAfterCommitComesOnlyOnceTheTransactionCommitted() throws Exception {
        Pacer pacer = new Pacer(INTERVAL, CEILING);
        TransactionSynchronizationManager.initSynchronization();
        try {
            pacer.wakeAfterCommit();
            pacer.wakeAfterCommit();
            assertThat(pacer.await(Duration.ZERO)).as("not before the commit").isFalse();
            assertThat(TransactionSynchronizationManager.getSynchronizations()).as("one wake per transaction")
                    .hasSize(1);
            TransactionSynchronizationManager.getSynchronizations().forEach(TransactionSynchronization::afterCommit);
        } finally {
            TransactionSynchronizationManager.clearSynchronization();
        }
        assertThat(pacer.await(Duration.ZERO)).as("after it").isTrue();

        pacer.wakeAfterCommit();
        assertThat(pacer.await(Duration.ZERO)).as("outside a transaction: at once").isTrue();
    }

    @Test
    void refusesAnIntervalThatIsNotPositiveOrACeilingBelowIt() {
        assertThatThrownBy(() -> Pacer.check("baton.timers", Duration.ZERO, CEILING))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Expected baton.timers.poll-interval to be positive, but got PT0S");
        assertThatThrownBy(() -> Pacer.check("baton.timers", INTERVAL, Duration.ofMillis(100)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Expected baton.timers.idle-poll-interval to be at least baton.timers.poll-interval "
                        + "(PT0.2S), but got PT0.1S");
        assertThat(Pacer.defaultIdleCeiling(INTERVAL)).isEqualTo(Pacer.DEFAULT_IDLE_CEILING);
        assertThat(Pacer.defaultIdleCeiling(Duration.ofSeconds(30))).as("never below the interval")
                .isEqualTo(Duration.ofSeconds(30));
    }

    private static boolean await(Pacer pacer, Duration wait) {
        try {
            return pacer.await(wait);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
