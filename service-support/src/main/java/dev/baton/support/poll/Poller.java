package dev.baton.support.poll;

import dev.baton.support.kafka.ConsumerFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A poller's own daemon thread: looks for work, waits as its {@link Pacer} says, and looks again, until stopped. A
 * look that fails is logged and counts as a look that found nothing, so a database that is away is asked less and
 * less often, up to the pacer's idle ceiling.
 */
public final class Poller {
    private static final Logger log = LoggerFactory.getLogger(Poller.class);
    private static final long STOP_GRACE_MILLIS = 3_000;

    /** One look for due work, which it starts or does. */
    @FunctionalInterface
    public interface Look {
        /** @return whether there was work: found now, or still under way from an earlier look */
        boolean look();
    }

    /** When the earliest pending work falls due; asked only after a look that found none. */
    @FunctionalInterface
    public interface NextDue {
        /** @return the due time, or empty when there is no pending work or it is not known */
        Optional<Instant> nextDue();
    }

    private final String name;
    private final Pacer pacer;
    private final Look look;
    private final NextDue nextDue;
    private final Clock clock;
    private volatile boolean running;
    private Thread thread;

    /**
     * @param name    the thread's name, and what the logs call the poller
     * @param nextDue the earliest due time, on {@code clock}
     */
    public Poller(String name, Pacer pacer, Look look, NextDue nextDue, Clock clock) {
        this.name = name;
        this.pacer = pacer;
        this.look = look;
        this.nextDue = nextDue;
        this.clock = clock;
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::loop, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops the thread: a look under way gets a moment to finish, then it is interrupted. */
    public synchronized void stop() {
        running = false;
        pacer.wake();
        Thread t = thread;
        thread = null;
        if (t == null || t == Thread.currentThread()) {
            return;
        }
        try {
            t.join(STOP_GRACE_MILLIS);
            if (t.isAlive()) {
                t.interrupt();
                t.join(STOP_GRACE_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean isRunning() {
        return running;
    }

    private void loop() {
        int failures = 0;
        while (running) {
            Duration wait;
            try {
                if (look.look()) {
                    wait = pacer.afterWork();
                } else {
                    wait = pacer.afterNoWork(nextDue.nextDue().orElse(null), clock.instant());
                }
                failures = 0;
            } catch (RuntimeException e) {
                failures++;
                if (running && failures == 1) {
                    log.warn("{}: looking for work failed; looking again later", name, e);
                } else if (running) {
                    log.warn("{}: looking for work failed ({} times in a row): {}", name, failures,
                            ConsumerFailures.describe(e));
                }
                wait = pacer.afterNoWork(null, clock.instant());
            }
            try {
                pacer.await(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
