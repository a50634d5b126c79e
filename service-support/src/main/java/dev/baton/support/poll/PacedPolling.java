package dev.baton.support.poll;

import org.springframework.context.SmartLifecycle;

import java.time.Clock;
import java.time.Duration;

/**
 * A bean that looks for due work on its own {@link Poller} thread, paced by a {@link Pacer}: it starts with the
 * application context when {@link #runs()} says this process does that work, stops with it, and can be woken when
 * this process queues work.
 */
public abstract class PacedPolling implements SmartLifecycle {
    private final Pacer pacer;
    private final Poller poller;

    /**
     * @param name             the poller thread's name
     * @param pollInterval     the wait after a look that found work
     * @param idlePollInterval the longest wait while looks find none
     * @param nextDue          when the earliest pending work falls due, on {@code clock}
     */
    protected PacedPolling(String name, Duration pollInterval, Duration idlePollInterval, Poller.NextDue nextDue,
                           Clock clock) {
        this.pacer = new Pacer(pollInterval, idlePollInterval);
        this.poller = new Poller(name, pacer, this::lookForWork, nextDue, clock);
    }

    /** Whether this process does this work at all; asked when the context starts. */
    protected abstract boolean runs();

    /** One look for due work; whether there was some, found now or still under way. */
    protected abstract boolean lookForWork();

    /**
     * Work was queued to do now: it is looked for as soon as the current transaction commits (at once outside one),
     * not at the next idle look.
     */
    public void wake() {
        pacer.wakeAfterCommit();
    }

    @Override
    public void start() {
        if (runs()) {
            poller.start();
        }
    }

    /** Looks for no more work; a look under way gets a moment to finish. */
    @Override
    public void stop() {
        poller.stop();
    }

    @Override
    public boolean isRunning() {
        return poller.isRunning();
    }
}
