package dev.baton.client;

import dev.baton.client.invoker.ApiException;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.LongFunction;

/**
 * How to call Baton safely, around the generated API methods:
 * <ul>
 *   <li>{@link #idempotencyKey()} for every command: sent again under the same key, a command is done once and
 *       answered as the first time;</li>
 *   <li>{@link #retrying} for failures that pass (503 {@code not-ready}/{@code unavailable}, a lost connection,
 *       409 {@code idempotency-key-in-use} while the first request under the key still runs): tried again, waiting
 *       as {@code Retry-After} says; safe for reads and for commands sent with a key;</li>
 *   <li>{@link #onConflict} for commands sent with {@code expectedVersion}: on 409 {@code concurrent-modification} the
 *       ticket's version is read again and the command decided again for it;</li>
 *   <li>{@link Written} for read-your-writes: a list or detail read with its token waits until it shows the write.</li>
 * </ul>
 */
public final class Calls {
    private static final int ATTEMPTS = 5;

    private Calls() {
    }

    /** A fresh key for the {@code Idempotency-Key} header. */
    public static String idempotencyKey() {
        return UUID.randomUUID().toString();
    }

    /** Calls {@code call}, again after a failure that passes, at most 5 times in all. */
    public static <T> T retrying(Callable<T> call) throws ApiException {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.call();
            } catch (ApiException e) {
                if (attempt >= ATTEMPTS || !passes(e)) {
                    throw e;
                }
                sleep(wait(e, attempt));
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new ApiException(e);
            }
        }
    }

    /**
     * Sends the command made for the ticket's version as {@code version} reads it; when the ticket moved on in the
     * meantime (409 {@code concurrent-modification}), reads the version again and sends the command made for it, at most 5
     * times in all. The command function decides again each time, so it can check that the action still makes sense.
     */
    public static <T> T onConflict(Callable<Long> version, LongFunction<Callable<T>> command) throws ApiException {
        for (int attempt = 1; ; attempt++) {
            try {
                return retrying(command.apply(retrying(version)));
            } catch (ApiException e) {
                if (attempt >= ATTEMPTS || e.getCode() != 409 || !Problem.of(e).code().equals("concurrent-modification")) {
                    throw e;
                }
            }
        }
    }

    static boolean passes(ApiException e) {
        return e.getCode() == 0 || e.getCode() == 503 || e.getCode() == 502 || e.getCode() == 504
                || e.getCode() == 429
                || e.getCode() == 409 && Problem.of(e).code().equals("idempotency-key-in-use");
    }

    private static Duration wait(ApiException e, int attempt) {
        if (e.getResponseHeaders() != null) {
            var retryAfter = e.getResponseHeaders().firstValue("Retry-After");
            if (retryAfter.isPresent()) {
                try {
                    return Duration.ofSeconds(Math.min(30, Long.parseLong(retryAfter.get().trim())));
                } catch (NumberFormatException ignored) {
                    // an HTTP date: wait as if none were given
                }
            }
        }
        return Duration.ofMillis(Math.min(5_000, 200L << (attempt - 1)));
    }

    private static void sleep(Duration wait) throws ApiException {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(e);
        }
    }
}
