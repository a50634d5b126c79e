package dev.baton.support.poll;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * When a poller looks for work next, so that an idle service costs next to nothing and a busy one drains at full
 * speed:
 * <ul>
 *   <li>after a look that found work, the next comes after {@code interval};</li>
 *   <li>after looks that found none, each wait is twice the one before, from {@code 2 × interval} up to
 *       {@code idleCeiling}: work another instance created is found within the ceiling;</li>
 *   <li>an idle wait ends no later than the earliest due time the poller knows of (a retry, a timer); work that is
 *       due already but was not found (another instance holds it) is looked for again after {@code interval};</li>
 *   <li>{@link #wake()} ends the wait at once and starts over from {@code interval}: this process created work.</li>
 * </ul>
 * A wake is a flag, not a bare notify: one that comes while the poller looks, or just before it waits, ends its next
 * wait at once, so a row inserted while the poller decides to sleep is still picked up.
 * <p>
 * {@link #wake()} and {@link #wakeAfterCommit()} may be called from any thread; the other methods belong to the
 * poller's own thread.
 */
public final class Pacer {
    /** The idle ceiling of every poller unless configured otherwise. */
    public static final Duration DEFAULT_IDLE_CEILING = Duration.ofSeconds(5);

    private final Duration interval;
    private final Duration idleCeiling;
    private final Object signal = new Object();
    private final TransactionSynchronization wakeOnCommit = new TransactionSynchronization() {
        @Override
        public void afterCommit() {
            wake();
        }
    };
    private boolean woken; // guarded by signal
    private int idleLooks; // the poller's thread only

    public Pacer(Duration interval, Duration idleCeiling) {
        check("a poller's", interval, idleCeiling);
        this.interval = interval;
        this.idleCeiling = idleCeiling;
    }

    /**
     * Checks a poller's settings, named {@code <prefix>.poll-interval} and {@code <prefix>.idle-poll-interval}.
     *
     * @throws IllegalArgumentException naming the setting that is wrong
     */
    public static void check(String prefix, Duration interval, Duration idleCeiling) {
        if (interval == null || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("Expected " + prefix + ".poll-interval to be positive, but got "
                    + interval);
        }
        if (idleCeiling == null || idleCeiling.compareTo(interval) < 0) {
            throw new IllegalArgumentException("Expected " + prefix + ".idle-poll-interval to be at least "
                    + prefix + ".poll-interval (" + interval + "), but got " + idleCeiling);
        }
    }

    /** The idle ceiling when none is configured: {@link #DEFAULT_IDLE_CEILING}, or {@code interval} if longer. */
    public static Duration defaultIdleCeiling(Duration interval) {
        return interval != null && interval.compareTo(DEFAULT_IDLE_CEILING) > 0 ? interval : DEFAULT_IDLE_CEILING;
    }

    public Duration interval() {
        return interval;
    }

    public Duration idleCeiling() {
        return idleCeiling;
    }

    /** There is work: ends the poller's wait at once, or its next wait if it is looking now. */
    public void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    /**
     * There is work once the current transaction commits: wakes the poller then, and not at all if it rolls back.
     * Outside a transaction (each statement committed on its own) it wakes the poller at once.
     */
    public void wakeAfterCommit() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            wake();
        } else if (!TransactionSynchronizationManager.getSynchronizations().contains(wakeOnCommit)) {
            TransactionSynchronizationManager.registerSynchronization(wakeOnCommit);
        }
    }

    /** The look found work: the wait before the next, {@code interval}. */
    public Duration afterWork() {
        idleLooks = 0;
        return interval;
    }

    /**
     * The look found no work: the wait before the next, twice the last idle wait up to the ceiling, and no later than
     * {@code nextDue}; {@code interval} when {@code nextDue} has passed (the work is held by another instance).
     *
     * @param nextDue when the earliest pending work falls due, or null when the poller does not know
     * @param now     the time of the look, on the clock {@code nextDue} is on
     */
    public Duration afterNoWork(Instant nextDue, Instant now) {
        if (idleLooks < Integer.MAX_VALUE) {
            idleLooks++;
        }
        Duration wait = interval;
        for (int i = 0; i < idleLooks && wait.compareTo(idleCeiling) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        if (wait.compareTo(idleCeiling) > 0) {
            wait = idleCeiling;
        }
        if (nextDue != null) {
            Duration untilDue = Duration.between(now, nextDue);
            if (untilDue.compareTo(wait) < 0) {
                wait = untilDue.isNegative() || untilDue.isZero() ? interval : untilDue;
            }
        }
        return wait;
    }

    /**
     * Waits {@code wait}, or less if the poller is woken meanwhile or was woken since its last wait. A wake starts
     * the idle waits over from {@code interval}.
     *
     * @return whether a wake ended the wait
     */
    public boolean await(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        synchronized (signal) {
            while (!woken) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(signal, left);
            }
            woken = false;
            idleLooks = 0;
            return true;
        }
    }
}
