package dev.baton.support.retry;

import io.github.resilience4j.core.IntervalFunction;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * How long Baton waits after a failed attempt before the next one, and when it gives up: the one back-off of the
 * outboxes (notifications, hooks) and of the external participant resolvers. The {@code n}-th retry waits
 * {@code initial × multiplier^(n-1)}, at most {@code max}, spread at random by {@code ±jitter} of itself (Resilience4j's
 * {@link IntervalFunction#ofExponentialRandomBackoff}), so that what failed together does not come back together.
 * Each role binds it from its own properties ({@code baton.notification.backoff.*}, {@code baton.hooks.backoff.*},
 * {@code baton.resolver.backoff.*}) over its own defaults ({@link #or}).
 *
 * @param initial     the wait before the first retry
 * @param multiplier  how much each wait grows over the one before (at least 1)
 * @param max         the longest wait
 * @param jitter      the random spread of each wait, from 0 (none) to 1 (anything from 0 to twice the wait)
 * @param attempts    attempts in all, the first one included; absent: as many as fit in {@code giveUpAfter}
 * @param giveUpAfter how long retries go on, counted on the waits without their spread; used when {@code attempts}
 *                    is absent
 */
public record Backoff(Duration initial, Double multiplier, Duration max, Double jitter, Integer attempts,
                      Duration giveUpAfter) {
    /** For receivers that may be away for hours (chat platforms, mail servers): ~30 s, doubling, ≤ 1 h, for 24 h. */
    public static final Backoff HOURS = new Backoff(Duration.ofSeconds(30), 2.0, Duration.ofHours(1), 0.5, null,
            Duration.ofHours(24));
    /** The most attempts {@link #attemptsInAll()} counts, whatever {@code giveUpAfter} says. */
    static final int MOST_ATTEMPTS = 1_000;

    public Backoff {
        if (initial != null && initial.toMillis() < 1) {
            throw new IllegalArgumentException("Expected a back-off's initial wait of at least 1 ms, but got " + initial);
        }
        if (multiplier != null && multiplier < 1.0) {
            throw new IllegalArgumentException("Expected a back-off's multiplier of at least 1, but got " + multiplier);
        }
        if (max != null && max.toMillis() < 1) {
            throw new IllegalArgumentException("Expected a back-off's longest wait of at least 1 ms, but got " + max);
        }
        if (jitter != null && (jitter < 0.0 || jitter > 1.0)) {
            throw new IllegalArgumentException("Expected a back-off's jitter from 0 to 1, but got " + jitter);
        }
        if (attempts != null && attempts < 1) {
            throw new IllegalArgumentException("Expected a back-off of at least 1 attempt, but got " + attempts);
        }
        if (giveUpAfter != null && giveUpAfter.isNegative()) {
            throw new IllegalArgumentException("Expected a back-off's give-up-after not to be negative, but got "
                    + giveUpAfter);
        }
    }

    /** This back-off, its unset parts taken from {@code defaults}; an unset {@code backoff} is {@code defaults}. */
    public static Backoff or(Backoff backoff, Backoff defaults) {
        return backoff == null ? defaults.complete() : backoff.or(defaults);
    }

    /** This back-off, its unset parts taken from {@code defaults}. */
    public Backoff or(Backoff defaults) {
        boolean ownCount = attempts != null || giveUpAfter != null;
        return new Backoff(initial != null ? initial : defaults.initial,
                multiplier != null ? multiplier : defaults.multiplier, max != null ? max : defaults.max,
                jitter != null ? jitter : defaults.jitter, ownCount ? attempts : defaults.attempts,
                ownCount ? giveUpAfter : defaults.giveUpAfter).complete();
    }

    private Backoff complete() {
        Duration first = initial == null ? Duration.ofSeconds(1) : initial;
        Duration longest = max == null ? Duration.ofMinutes(1) : max;
        return new Backoff(first, multiplier == null ? 2.0 : multiplier,
                longest.compareTo(first) < 0 ? first : longest, jitter == null ? 0.0 : jitter,
                attempts == null && giveUpAfter == null ? Integer.valueOf(1) : attempts, giveUpAfter);
    }

    /** The wait after {@code failures} failed attempts in a row (1: before the first retry), with its spread. */
    public Duration delay(int failures) {
        return Duration.ofMillis(IntervalFunction.ofExponentialRandomBackoff(initial, multiplier, jitter, max)
                .apply(Math.max(1, failures)));
    }

    /** The wait after {@code failures} failed attempts without its spread. */
    public Duration nominalDelay(int failures) {
        return Duration.ofMillis(IntervalFunction.ofExponentialBackoff(initial, multiplier, max)
                .apply(Math.max(1, failures)));
    }

    /**
     * Attempts in all: {@code attempts}, or the first one and every retry whose nominal wait, added to those before,
     * stays within {@code giveUpAfter}.
     */
    public int attemptsInAll() {
        if (attempts != null) {
            return attempts;
        }
        long left = giveUpAfter.toMillis();
        int count = 1;
        while (count < MOST_ATTEMPTS) {
            long wait = nominalDelay(count).toMillis();
            if (wait > left) {
                break;
            }
            left -= wait;
            count++;
        }
        return count;
    }

    /**
     * Calls {@code attempt} until its result is not {@code worthAnotherTry}, or the attempts are spent, waiting in
     * this thread between calls; the last result. For callers that may wait in place.
     */
    public <T> T retry(Supplier<T> attempt, Predicate<T> worthAnotherTry) {
        int most = attemptsInAll();
        T result = attempt.get();
        for (int failures = 1; failures < most && worthAnotherTry.test(result); failures++) {
            try {
                Thread.sleep(delay(failures).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return result;
            }
            result = attempt.get();
        }
        return result;
    }
}
