package dev.baton.query.consistency;

import dev.baton.api.error.BatonException;
import dev.baton.api.error.ErrorCode;
import dev.baton.query.QueryProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Lets a client read what it just wrote: every ticket-command response carries the ticket's new version, and a
 * read that names it waits (bounded; woken when the version is projected, on whichever instance: {@link
 * PeerVersions}) until the projection holds that version. The wait never tells a caller whether a ticket it may not
 * see exists, or at which version. Its few short reads go through JDBC on the blocking pool (cheaper than R2DBC for
 * them, docs/benchmarks.md).
 */
@Component
public class ReadYourWrites {
    private final JdbcTemplate jdbc;
    private final VersionNotifier notifier;
    private final QueryProperties properties;

    public ReadYourWrites(JdbcTemplate jdbc, VersionNotifier notifier, QueryProperties properties) {
        this.jdbc = jdbc;
        this.notifier = notifier;
        this.properties = properties;
    }

    /** A wait the client asked for: a ticket, the version it must reach and for how long. */
    public record Expectation(String ticketId, long minVersion, Duration timeout) {
    }

    /** {@code minVersion} and {@code waitMillis} of {@code GET /tickets/{id}}; null when no minVersion was given. */
    public Expectation expectation(String ticketId, String minVersion, String waitMillis) {
        if (minVersion == null || minVersion.isBlank()) {
            return null;
        }
        return new Expectation(ticketId, nonNegative("minVersion", minVersion), wait(waitMillis));
    }

    /** {@code consistentWith=<ticketId>:<version>} of the lists; null when absent. */
    public Expectation consistentWith(String value, String waitMillis) {
        if (value == null || value.isBlank()) {
            return null;
        }
        int colon = value.lastIndexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            throw new BatonException(ErrorCode.INVALID_INPUT,
                    "Expected consistentWith as <ticketId>:<version>, but got '" + value + "'");
        }
        return new Expectation(value.substring(0, colon), nonNegative("consistentWith version",
                value.substring(colon + 1)), wait(waitMillis));
    }

    /**
     * Completes when the projection holds the expected version of a ticket the caller may see; fails with 503
     * not-ready when the wait ends first. Whether the caller may see the ticket ({@code maySee}) is asked first. A
     * ticket the caller may not see is never told apart from one that does not exist: the wait runs its whole length
     * whatever the ticket does, and then fails with the same 503 not-ready. An unknown ticket is waited for, so a
     * ticket just created can be read; it counts once it is projected and the caller may see it.
     */
    public Mono<Void> await(Expectation expectation, Function<String, Mono<Boolean>> maySee) {
        return await(expectation, maySee, () -> notReady(expectation));
    }

    /** As {@link #await(Expectation, Function)}, failing with {@code hidden} instead for a ticket the caller may not see. */
    public Mono<Void> await(Expectation expectation, Function<String, Mono<Boolean>> maySee,
                            Supplier<? extends RuntimeException> hidden) {
        if (expectation == null) {
            return Mono.empty();
        }
        return Mono.defer(() -> {
            long deadline = System.nanoTime() + expectation.timeout().toNanos();
            Mono<Boolean> seen = Mono.defer(() -> maySee.apply(expectation.ticketId()));
            return seen.flatMap(visible -> visible ? awaitVersion(expectation)
                    : awaitOneToSee(expectation, deadline, seen, hidden));
        });
    }

    /**
     * A ticket the caller may see: waits for its version; fails at once with 409 ticket-parked when an event up to
     * that version is parked for an admin (it would never come), and with that rather than 503 when it was parked
     * during the wait.
     */
    private Mono<Void> awaitVersion(Expectation expectation) {
        return progress(expectation.ticketId()).flatMap(now -> awaitVersion(expectation, now));
    }

    /** As above, from where the projection stood when the wait began. */
    private Mono<Void> awaitVersion(Expectation expectation, Progress now) {
        Mono<Void> wait;
        if (now.parked() != null && now.parked() <= expectation.minVersion()) {
            wait = Mono.error(parked(expectation, now.parked()));
        } else if (now.version() != null && now.version() >= expectation.minVersion()) {
            wait = Mono.empty();
        } else {
            wait = reached(expectation)
                    .timeout(expectation.timeout())
                    .onErrorMap(TimeoutException.class, e -> notReady(expectation))
                    .then();
        }
        return wait.onErrorResume(NotReadyException.class, notReady -> parkedAtOrBefore(expectation)
                .flatMap(seq -> Mono.<Void>error(parked(expectation, seq)))
                .switchIfEmpty(Mono.error(notReady)));
    }

    /**
     * As {@link #await(Expectation, Function)} for a caller that may see a ticket when its application may use the
     * ticket's workflow (the lists): whether it may, the projected version and the first parked event are read in one
     * statement, so a read whose write is already projected costs one short read before its own.
     */
    public Mono<Void> awaitGranted(Expectation expectation, Predicate<String> mayUseWorkflow) {
        if (expectation == null) {
            return Mono.empty();
        }
        String ticketId = expectation.ticketId();
        Function<String, Mono<Boolean>> maySee = id -> blocking(() -> jdbc.query(
                "SELECT workflow_key FROM ticket WHERE ticket_id = ?",
                rs -> rs.next() && mayUseWorkflow.test(rs.getString(1)), id));
        return blocking(() -> jdbc.query("""
                SELECT t.workflow_key, t.version,
                       (SELECT min(seq) FROM parked_event WHERE ticket_id = ? AND reason <> 'gap') AS parked
                  FROM ticket t WHERE t.ticket_id = ?
                """, rs -> rs.next() && mayUseWorkflow.test(rs.getString("workflow_key"))
                        ? Optional.of(new Progress(rs.getObject("version", Long.class), rs.getObject("parked", Long.class)))
                        : Optional.<Progress>empty(), ticketId, ticketId))
                .flatMap(visible -> visible.isPresent() ? awaitVersion(expectation, visible.get())
                        : await(expectation, maySee));
    }

    /** Where the projection stands on a ticket: its version and its first parked event, each null when none. */
    private record Progress(Long version, Long parked) {
    }

    /** The ticket's projected version and first parked (not gap) event, in one statement. */
    private Mono<Progress> progress(String ticketId) {
        return blocking(() -> jdbc.queryForObject("""
                SELECT (SELECT version FROM ticket WHERE ticket_id = ?) AS version,
                       (SELECT min(seq) FROM parked_event WHERE ticket_id = ? AND reason <> 'gap') AS parked
                """, (rs, n) -> new Progress(rs.getObject("version", Long.class), rs.getObject("parked", Long.class)),
                ticketId, ticketId));
    }

    private Mono<Long> parkedAtOrBefore(Expectation expectation) {
        return blocking(() -> jdbc.queryForObject(
                "SELECT min(seq) FROM parked_event WHERE ticket_id = ? AND reason <> 'gap'", Long.class,
                expectation.ticketId()))
                .filter(seq -> seq <= expectation.minVersion());
    }

    /** A short read on a thread that may block; empty when it reads null. */
    private static <T> Mono<T> blocking(Callable<T> read) {
        return Mono.fromCallable(read).subscribeOn(Schedulers.boundedElastic());
    }

    private static BatonException parked(Expectation expectation, long seq) {
        return new BatonException(ErrorCode.TICKET_PARKED, "Expected ticket " + expectation.ticketId()
                + " at version " + expectation.minVersion() + " or later, but its event " + seq
                + " could not be applied and is parked until an admin retries it");
    }

    /**
     * No ticket the caller may see, yet: waits until one comes at the version (a ticket just created), and otherwise
     * (nothing comes, or a ticket the caller may not see) until the deadline, so that nothing is told about it.
     */
    private Mono<Void> awaitOneToSee(Expectation expectation, long deadline, Mono<Boolean> seen,
                                     Supplier<? extends RuntimeException> hidden) {
        return reached(expectation)
                .timeout(remaining(deadline))
                .then(seen)
                .flatMap(came -> came ? Mono.<Void>empty()
                        : Mono.delay(remaining(deadline)).then(Mono.<Void>error(hidden)))
                .onErrorResume(TimeoutException.class, e -> seen.flatMap(came -> Mono.<Void>error(came
                        ? notReady(expectation) : hidden.get())));
    }

    /**
     * Completes once the projection holds the expected version (of whichever ticket of that id): when this or
     * another instance announces it ({@link VersionNotifier}, {@link PeerVersions}), or when a look at the database
     * finds it, at once and then every {@code baton.query.wait-recheck} in case an announcement was missed.
     */
    private Mono<Long> reached(Expectation expectation) {
        // completed on the projection's consumer thread (or the peers' listener): continue elsewhere
        Mono<Long> notified = notifier.reached(expectation.ticketId(), expectation.minVersion())
                .publishOn(Schedulers.parallel());
        Mono<Long> projected = Flux.interval(Duration.ZERO, properties.waitRecheck())
                .onBackpressureDrop()
                .concatMap(look -> blocking(() -> jdbc.query("SELECT version FROM ticket WHERE ticket_id = ?",
                        rs -> rs.next() ? rs.getLong(1) : null, expectation.ticketId())), 1)
                .filter(version -> version >= expectation.minVersion())
                .next();
        return Mono.firstWithValue(notified, projected);
    }

    private static NotReadyException notReady(Expectation expectation) {
        return new NotReadyException("Expected ticket " + expectation.ticketId() + " at version "
                + expectation.minVersion() + " or later, but the projection has not reached it within "
                + expectation.timeout().toMillis() + " ms", Duration.ofSeconds(1));
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }

    private Duration wait(String waitMillis) {
        if (waitMillis == null || waitMillis.isBlank()) {
            return properties.defaultWait();
        }
        long millis = nonNegative("waitMillis", waitMillis);
        Duration asked = Duration.ofMillis(millis);
        return asked.compareTo(properties.maxWait()) > 0 ? properties.maxWait() : asked;
    }

    private static long nonNegative(String name, String value) {
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed >= 0) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new BatonException(ErrorCode.INVALID_INPUT,
                "Expected " + name + " to be a whole number >= 0, but got '" + value + "'");
    }
}
