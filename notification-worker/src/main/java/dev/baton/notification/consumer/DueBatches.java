package dev.baton.notification.consumer;

import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * How the outbox roles (hooks, notifications) work off a batch of due rows, in one transaction: claim the rows (the
 * claim locks them, {@code FOR UPDATE SKIP LOCKED}, so instances share the work), start the work of every row at once
 * and wait for all of it, let each outcome decide what to record and what to publish, wait (bounded) until every
 * publication is acknowledged, then record. If a publication fails, nothing is recorded and the rows are unlocked for
 * another try: an outcome is published at least once, and recorded only once published.
 */
public final class DueBatches {
    private DueBatches() {
    }

    /** What one row's outcome comes to: row updates to {@code record}, messages in flight to {@code publications}. */
    @FunctionalInterface
    public interface Decision<R, O> {
        void decide(R row, O outcome, List<Runnable> record, List<CompletableFuture<?>> publications);
    }

    /** Works off one batch; the number of rows claimed. */
    public static <R, O> int run(TransactionTemplate tx, Supplier<List<R>> claim,
                                 Function<R, CompletableFuture<O>> start, Decision<R, O> decision, String what) {
        Integer count = tx.execute(status -> {
            List<R> due = claim.get();
            if (due.isEmpty()) {
                return 0;
            }
            List<CompletableFuture<O>> started = due.stream().map(start).toList();
            CompletableFuture.allOf(started.toArray(CompletableFuture[]::new)).join();
            List<Runnable> record = new ArrayList<>();
            List<CompletableFuture<?>> publications = new ArrayList<>();
            for (int i = 0; i < due.size(); i++) {
                decision.decide(due.get(i), started.get(i).join(), record, publications);
            }
            try {
                CompletableFuture.allOf(publications.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("Could not publish the outcomes of " + due.size() + " " + what
                        + "; they are tried again", e);
            }
            record.forEach(Runnable::run);
            return due.size();
        });
        return count == null ? 0 : count;
    }
}
