package dev.baton.command.axon;

import org.axonframework.common.IdentifierFactory;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Identifiers of Axon's messages (stored events among them, whose id is the CloudEvents {@code ce_id}) as
 * time-ordered UUIDs in the version 7 layout: 48 bits of the Unix time in milliseconds, then a counter that every
 * identifier of this process moves on, then 30 random bits drawn once per process. Unique within a process by the
 * counter, across processes by the random bits; found by Axon through {@code java.util.ServiceLoader}.
 * <p>
 * Axon's default draws a random UUID from the JVM's shared {@link SecureRandom} for every message, including the
 * result message of every event a processor handles: about forty per ticket, and 1.3 % of the JVM's CPU at 32
 * clients (docs/benchmarks.md). Time-ordered ids also insert at the right edge of the event store's unique index
 * on {@code event_identifier} instead of at random places in it.
 */
public final class TimeOrderedIdentifierFactory extends IdentifierFactory {
    private static final long VERSION_7 = 0x7000L;
    private static final long VARIANT = 0x8000_0000_0000_0000L;

    private final long process = (new SecureRandom().nextLong() & 0x3FFF_FFFFL) << 32;
    private final AtomicLong counter = new AtomicLong(new SecureRandom().nextInt() & 0xFFFF_FFFFL);

    @Override
    public String generateIdentifier() {
        return next(System.currentTimeMillis()).toString();
    }

    /** The next identifier at {@code millis}. */
    UUID next(long millis) {
        long n = counter.getAndIncrement();
        long high = (millis & 0xFFFF_FFFF_FFFFL) << 16 | VERSION_7 | (n >>> 32 & 0xFFFL);
        long low = VARIANT | process | (n & 0xFFFF_FFFFL);
        return new UUID(high, low);
    }
}
