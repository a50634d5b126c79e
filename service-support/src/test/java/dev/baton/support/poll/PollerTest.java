package dev.baton.support.poll;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** A poller's thread looks at start, again at once when woken, again after a failed look, and ends when stopped. */
class PollerTest {
    @Test
    void looksAtStartAndAgainWhenWokenUntilStopped() throws Exception {
        // so long that every look after the first one comes from a wake
        Pacer pacer = new Pacer(Duration.ofMinutes(10), Duration.ofMinutes(10));
        Semaphore looked = new Semaphore(0);
        Poller poller = new Poller("test-poller", pacer, () -> {
            looked.release();
            return false;
        }, Optional::empty, Clock.systemUTC());

        poller.start();
        assertThat(looked.tryAcquire(10, TimeUnit.SECONDS)).as("a look at start").isTrue();
        pacer.wake();
        assertThat(looked.tryAcquire(10, TimeUnit.SECONDS)).as("a look when woken").isTrue();

        poller.stop();
        assertThat(poller.isRunning()).isFalse();
        pacer.wake();
        assertThat(looked.tryAcquire(200, TimeUnit.MILLISECONDS)).as("no look after the stop").isFalse();
    }

    @Test
    void aLookThatFailsIsTriedAgain() throws Exception {
        Pacer pacer = new Pacer(Duration.ofMillis(5), Duration.ofMillis(5));
        AtomicInteger looks = new AtomicInteger();
        Semaphore recovered = new Semaphore(0);
        Poller poller = new Poller("failing-poller", pacer, () -> {
            if (looks.incrementAndGet() < 3) {
                throw new IllegalStateException("the database is away");
            }
            recovered.release();
            return false;
        }, Optional::empty, Clock.systemUTC());

        poller.start();
        try {
            assertThat(recovered.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            poller.stop();
        }
    }
}
