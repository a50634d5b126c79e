package dev.baton.notification.consumer;

import dev.baton.support.kafka.ConsumerFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * How the outbox roles (hooks, notifications) work off their due rows.
 * <ol>
 *   <li><b>Claim with a lease.</b> Up to {@code capacity} due rows are claimed at a time, each for this worker
 *       ({@link #owner()}) until {@code now + lease}, in one short statement ({@code FOR UPDATE SKIP LOCKED}, so
 *       instances share the work). No lock is held while the work runs.</li>
 *   <li><b>Work, one row at a time.</b> Every claimed row's work starts at once; a row that ends frees its slot, and
 *       the next poll claims as many rows as there are free slots, so a slow row holds up no other.</li>
 *   <li><b>Record each outcome as soon as it is known.</b> The outcome decides what to record and what to publish;
 *       once every publication is acknowledged the row is recorded, in its own transaction, which ends the claim.
 *       A failure of the database that will pass is retried while the lease lasts.</li>
 *   <li><b>A lease that runs out is taken over.</b> A worker that dies, or cannot record, leaves its rows claimed
 *       until their lease ends; then any worker claims them again, without a restart. The work of a row that was in
 *       flight is then done again: at least once, never lost. A row's work must end well within its lease
 *       ({@link #workLimit()}), or it is abandoned to the next claim.</li>
 * </ol>
 * On shutdown no more rows are claimed, and the rows in flight are awaited (at most {@link #workLimit()}) so their
 * outcomes are recorded.
 */
public final class DueBatches<R, O> implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DueBatches.class);
    private static final Duration PUBLISH_LIMIT = Duration.ofSeconds(30);

    /** Claims up to {@code limit} rows due at {@code now} for {@code owner} until {@code until}. */
    @FunctionalInterface
    public interface Claim<R> {
        List<R> claim(Instant now, String owner, Instant until, int limit);
    }

    /** What one row's outcome comes to: row updates to {@code record}, messages in flight to {@code publications}. */
    @FunctionalInterface
    public interface Decision<R, O> {
        void decide(R row, O outcome, List<Runnable> record, List<CompletableFuture<?>> publications);
    }

    private final String what;
    private final Claim<R> claim;
    private final Function<R, CompletableFuture<O>> start;
    private final Decision<R, O> decision;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Duration lease;
    private final int capacity;
    private final String owner;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final ScheduledExecutorService recorder;
    private volatile boolean stopping;

    /**
     * @param what     what the rows are, for logs ({@code "deliveries"})
     * @param lease    how long a claim lasts: longer than any row's work takes
     * @param capacity the most rows this worker works on at once
     */
    public DueBatches(String what, Claim<R> claim, Function<R, CompletableFuture<O>> start, Decision<R, O> decision,
                      TransactionTemplate tx, Clock clock, Duration lease, int capacity) {
        if (lease.toMillis() < 100) {
            throw new IllegalArgumentException("Expected the lease of " + what + " to be at least 100 ms, but got "
                    + lease);
        }
        this.what = what;
        this.claim = claim;
        this.start = start;
        this.decision = decision;
        this.tx = tx;
        this.clock = clock;
        this.lease = lease;
        this.capacity = capacity;
        this.owner = host() + "/" + UUID.randomUUID().toString().substring(0, 8);
        this.recorder = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "outcomes-" + what.replace(' ', '-'));
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Who claims rows for this worker: its host and a random suffix, written to the rows' {@code claimed_by}. */
    public String owner() {
        return owner;
    }

    /** How long a row's work may take before it is abandoned to the next claim: three quarters of the lease. */
    public Duration workLimit() {
        return lease.multipliedBy(3).dividedBy(4);
    }

    /** Rows whose work has started and whose outcome is not recorded yet. */
    public int inFlight() {
        return inFlight.get();
    }

    /** Claims as many due rows as there are free slots and starts their work; the number started. */
    public synchronized int poll() {
        int started = 0;
        while (!stopping) {
            int free = capacity - inFlight.get();
            if (free <= 0) {
                break;
            }
            Instant now = clock.instant();
            List<R> due = claim.claim(now, owner, now.plus(lease), free);
            for (R row : due) {
                inFlight.incrementAndGet();
                work(row, now.plus(lease));
            }
            started += due.size();
            if (due.size() < free) {
                break;
            }
        }
        return started;
    }

    private record Decided(List<Runnable> record, List<CompletableFuture<?>> publications) {
    }

    private void work(R row, Instant claimedUntil) {
        CompletableFuture<O> work;
        try {
            work = start.apply(row);
        } catch (RuntimeException e) {
            work = CompletableFuture.failedFuture(e);
        }
        work.orTimeout(workLimit().toMillis(), TimeUnit.MILLISECONDS)
                .thenApplyAsync(outcome -> {
                    Decided decided = new Decided(new ArrayList<>(), new ArrayList<>());
                    decision.decide(row, outcome, decided.record(), decided.publications());
                    return decided;
                }, recorder)
                .thenCompose(decided -> CompletableFuture
                        .allOf(decided.publications().toArray(CompletableFuture[]::new))
                        .orTimeout(PUBLISH_LIMIT.toMillis(), TimeUnit.MILLISECONDS)
                        .thenApply(published -> decided.record()))
                .thenComposeAsync(record -> record(record, claimedUntil, 1), recorder)
                .whenComplete((done, failure) -> {
                    inFlight.decrementAndGet();
                    if (failure != null) {
                        log.warn("Could not finish one of the {} claimed by {}; it is claimed again after {}: {}", what,
                                owner, claimedUntil, ConsumerFailures.describe(failure));
                    }
                });
    }

    /** Records in one transaction; a failure that will pass is tried again while the claim lasts. */
    private CompletableFuture<Void> record(List<Runnable> record, Instant claimedUntil, int tries) {
        try {
            tx.executeWithoutResult(status -> record.forEach(Runnable::run));
            return CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            Duration wait = Duration.ofMillis(Math.min(5_000, 250L << Math.min(tries, 5)));
            if (!ConsumerFailures.isTransient(e) || clock.instant().plus(wait).plus(wait).isAfter(claimedUntil)
                    || recorder.isShutdown()) {
                return CompletableFuture.failedFuture(e);
            }
            CompletableFuture<Void> later = new CompletableFuture<>();
            recorder.schedule(() -> record(record, claimedUntil, tries + 1).whenComplete((done, failure) -> {
                if (failure == null) {
                    later.complete(null);
                } else {
                    later.completeExceptionally(failure);
                }
            }), wait.toMillis(), TimeUnit.MILLISECONDS);
            return later;
        }
    }

    /** Claims no more rows, and waits (at most {@link #workLimit()}) for the outcomes of those in flight. */
    @Override
    public void close() {
        stopping = true;
        synchronized (this) {
            // a poll under way has started its rows' work: they are awaited below
        }
        long until = System.nanoTime() + workLimit().toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < until) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (inFlight.get() > 0) {
            log.warn("Stopped with {} {} in flight; another worker claims them after their lease", inFlight.get(),
                    what);
        }
        recorder.shutdown();
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "worker";
        }
    }
}
