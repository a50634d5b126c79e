package dev.baton.support.auth;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The nonces this instance accepted lately, each kept until its expiry, at most {@code capacity} of them. When it is
 * full it says so instead of forgetting a nonce that has not expired: the caller decides what that means (the shared
 * table decides alone, or the request is refused). Thread-safe and free of I/O.
 */
public final class RecentNonces {
    /** What {@link #remember} found. */
    public enum Outcome {
        /** Not seen within its window; remembered now. */
        FRESH,
        /** Seen before and not expired: a replay. */
        SEEN,
        /** Not seen, but there is no room to remember it. */
        FULL
    }

    /** Sweeping a full cache scans every entry; under sustained overload do it at most this often. */
    private static final long SWEEP_WHEN_FULL_EVERY_MS = 1_000;

    private final int capacity;
    private final Map<String, Long> expiryByKey = new ConcurrentHashMap<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicLong lastSweepWhenFull = new AtomicLong(Long.MIN_VALUE);

    public RecentNonces(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("Expected a capacity of at least 1, but got " + capacity);
        }
        this.capacity = capacity;
    }

    /** Remembers (app, nonce) until {@code expiresAt} unless it is still remembered from before. */
    public Outcome remember(String appId, String nonce, Instant expiresAt, Instant now) {
        String key = key(appId, nonce);
        long nowMs = now.toEpochMilli();
        Long known = expiryByKey.get(key);
        if (known != null && known > nowMs) {
            return Outcome.SEEN;
        }
        if (size.get() >= capacity) {
            sweepWhenFull(nowMs);
        }
        long expiry = expiresAt.toEpochMilli();
        Outcome[] outcome = new Outcome[1];
        expiryByKey.compute(key, (k, previous) -> {
            if (previous != null && previous > nowMs) {
                outcome[0] = Outcome.SEEN;
                return previous;
            }
            if (previous == null && !reserveRoom()) {
                outcome[0] = Outcome.FULL;
                return null;
            }
            // new, or an expired entry the sweep has not reached yet (it keeps its place)
            outcome[0] = Outcome.FRESH;
            return expiry;
        });
        return outcome[0];
    }

    /** Undoes {@link #remember} of a request that was not served after all, so that the caller may send it again. */
    public void forget(String appId, String nonce, Instant expiresAt) {
        if (expiryByKey.remove(key(appId, nonce), expiresAt.toEpochMilli())) {
            size.decrementAndGet();
        }
    }

    /** Drops every entry expired at {@code now}; returns how many. */
    public int forgetExpired(Instant now) {
        long nowMs = now.toEpochMilli();
        int removed = 0;
        for (Map.Entry<String, Long> entry : expiryByKey.entrySet()) {
            if (entry.getValue() <= nowMs && expiryByKey.remove(entry.getKey(), entry.getValue())) {
                size.decrementAndGet();
                removed++;
            }
        }
        return removed;
    }

    public int size() {
        return size.get();
    }

    public int capacity() {
        return capacity;
    }

    private boolean reserveRoom() {
        if (size.incrementAndGet() <= capacity) {
            return true;
        }
        size.decrementAndGet();
        return false;
    }

    private void sweepWhenFull(long nowMs) {
        long last = lastSweepWhenFull.get();
        if ((last == Long.MIN_VALUE || nowMs - last >= SWEEP_WHEN_FULL_EVERY_MS) && lastSweepWhenFull.compareAndSet(last, nowMs)) {
            forgetExpired(Instant.ofEpochMilli(nowMs));
        }
    }

    private static String key(String appId, String nonce) {
        // a space occurs in neither (both are [A-Za-z0-9._:@-]), so the pair is unambiguous
        return appId + ' ' + nonce;
    }
}
