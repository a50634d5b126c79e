package dev.baton.support.auth;

import dev.baton.support.BatonProperties.Nonces;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Remembers each (app, nonce) until its request could no longer pass the clock-skew check, so a captured request
 * cannot be replayed. Every nonce is first checked in this instance's memory ({@link RecentNonces}), so a replay to
 * the same instance is refused without touching the database. In {@link Nonces#SHARED} mode a fresh nonce is then
 * claimed in the shared {@code auth_nonce} table, which refuses a replay sent to another instance of the service;
 * in {@link Nonces#LOCAL} mode memory is all there is (one instance per service only).
 */
public class NonceStore implements MeterBinder {
    /** What a claim found. */
    public enum Claim {
        FRESH,
        /** Seen within its window, here or (shared mode) by another instance. */
        REPLAYED,
        /** Local mode only: no room to remember it, so the request cannot be accepted now. */
        FULL
    }

    private static final Logger log = LoggerFactory.getLogger(NonceStore.class);
    private static final long WARN_FULL_EVERY_MS = 60_000;

    private final Nonces mode;
    private final RecentNonces recent;
    private final SharedNonces shared;
    private final Clock clock;
    private final AtomicLong lastWarnedFull = new AtomicLong(Long.MIN_VALUE);
    private final List<Counter> fullCounters = new CopyOnWriteArrayList<>();

    private NonceStore(Nonces mode, RecentNonces recent, SharedNonces shared, Clock clock) {
        this.mode = mode;
        this.recent = recent;
        this.shared = shared;
        this.clock = clock;
    }

    /** Memory, then the table all instances of the service share. */
    public static NonceStore shared(RecentNonces recent, SharedNonces table, Clock clock) {
        return new NonceStore(Nonces.SHARED, recent, table, clock);
    }

    /** Memory only: for a service that runs as a single instance. */
    public static NonceStore local(RecentNonces recent, Clock clock) {
        return new NonceStore(Nonces.LOCAL, recent, null, clock);
    }

    public Nonces mode() {
        return mode;
    }

    /** Whether {@link #claim} may block on the database (then it must not run on an event loop). */
    public boolean blocking() {
        return mode == Nonces.SHARED;
    }

    /** Records the nonce of an authenticated request that may be forgotten after {@code expiresAt}. */
    public Claim claim(String appId, String nonce, Instant expiresAt) {
        Instant now = clock.instant();
        RecentNonces.Outcome inMemory = recent.remember(appId, nonce, expiresAt, now);
        if (inMemory == RecentNonces.Outcome.SEEN) {
            return Claim.REPLAYED;
        }
        if (inMemory == RecentNonces.Outcome.FULL) {
            fullCounters.forEach(Counter::increment);
            warnFull(now);
            if (mode == Nonces.LOCAL) {
                return Claim.FULL;
            }
            return shared.claim(appId, nonce, expiresAt, now) ? Claim.FRESH : Claim.REPLAYED;
        }
        if (mode == Nonces.LOCAL) {
            return Claim.FRESH;
        }
        try {
            return shared.claim(appId, nonce, expiresAt, now) ? Claim.FRESH : Claim.REPLAYED;
        } catch (RuntimeException e) {
            // the request fails without being served: the same signed request may be sent again
            recent.forget(appId, nonce, expiresAt);
            throw e;
        }
    }

    /** Forgets what has expired, in memory and (shared mode) in the table. */
    @Scheduled(fixedDelayString = "${baton.auth.nonce-cleanup-interval:60000}")
    public void forgetExpired() {
        Instant now = clock.instant();
        int inMemory = recent.forgetExpired(now);
        int inTable = shared == null ? 0 : shared.forgetExpired(now);
        if (inMemory > 0 || inTable > 0) {
            log.debug("Forgot {} expired nonces in memory and {} in auth_nonce", inMemory, inTable);
        }
    }

    /** Nonces remembered in this instance's memory now. */
    public int remembered() {
        return recent.size();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("baton.auth.nonces.remembered", recent, RecentNonces::size)
                .description("Nonces this instance remembers in memory").register(registry);
        Gauge.builder("baton.auth.nonces.capacity", recent, RecentNonces::capacity)
                .description("How many nonces this instance can remember in memory (baton.auth.nonce-cache-size)")
                .register(registry);
        fullCounters.add(Counter.builder("baton.auth.nonces.full")
                .description("Requests that found the nonce memory full (refused with 503 in local mode)")
                .register(registry));
    }

    private void warnFull(Instant now) {
        long nowMs = now.toEpochMilli();
        long last = lastWarnedFull.get();
        if ((last == Long.MIN_VALUE || nowMs - last >= WARN_FULL_EVERY_MS) && lastWarnedFull.compareAndSet(last, nowMs)) {
            log.warn("The nonce memory is full ({} nonces within the skew window); {}. Raise baton.auth.nonce-cache-size "
                            + "if this is the normal load.", recent.capacity(),
                    mode == Nonces.LOCAL ? "requests are refused with 503 until nonces expire"
                            : "the shared auth_nonce table alone checks replays meanwhile");
        }
    }
}
