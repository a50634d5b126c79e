package dev.baton.query.consistency;

import dev.baton.api.error.BatonException;
import dev.baton.api.error.ErrorCode;
import dev.baton.query.QueryProperties;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * Lets a client read what it just wrote: every ticket-command response carries the ticket's new version, and a
 * read that names it waits (bounded, without polling) until the projection holds that version.
 */
@Component
public class ReadYourWrites {
    private final DatabaseClient db;
    private final VersionNotifier notifier;
    private final QueryProperties properties;

    public ReadYourWrites(DatabaseClient db, VersionNotifier notifier, QueryProperties properties) {
        this.db = db;
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
     * Completes when the projection holds the expected version; fails with 503 not-ready when the wait ends, and at
     * once with 409 ticket-parked when an event up to that version is parked for an admin (it would never come).
     */
    public Mono<Void> await(Expectation expectation) {
        if (expectation == null) {
            return Mono.empty();
        }
        return parkedAtOrBefore(expectation)
                .flatMap(seq -> Mono.<Void>error(parked(expectation, seq)))
                .switchIfEmpty(Mono.defer(() -> waitFor(expectation)))
                .onErrorResume(NotReadyException.class, notReady -> parkedAtOrBefore(expectation)
                        .flatMap(seq -> Mono.<Void>error(parked(expectation, seq)))
                        .switchIfEmpty(Mono.error(notReady)))
                .then();
    }

    private Mono<Long> parkedAtOrBefore(Expectation expectation) {
        return db.sql("SELECT min(seq) AS seq FROM parked_event WHERE ticket_id = :id AND reason <> 'gap'")
                .bind("id", expectation.ticketId())
                .map(row -> java.util.Optional.ofNullable(row.get("seq", Long.class)))
                .one()
                .flatMap(Mono::justOrEmpty)
                .filter(seq -> seq <= expectation.minVersion());
    }

    private static BatonException parked(Expectation expectation, long seq) {
        return new BatonException(ErrorCode.TICKET_PARKED, "Expected ticket " + expectation.ticketId()
                + " at version " + expectation.minVersion() + " or later, but its event " + seq
                + " could not be applied and is parked until an admin retries it");
    }

    private Mono<Void> waitFor(Expectation expectation) {
        // completed on the projection's consumer thread: continue elsewhere
        Mono<Long> notified = notifier.reached(expectation.ticketId(), expectation.minVersion())
                .publishOn(Schedulers.parallel());
        Mono<Long> projected = db.sql("SELECT version FROM ticket WHERE ticket_id = :id")
                .bind("id", expectation.ticketId())
                .map(row -> row.get("version", Long.class))
                .one()
                .filter(version -> version >= expectation.minVersion());
        return Mono.firstWithValue(notified, projected)
                .timeout(expectation.timeout())
                .onErrorMap(TimeoutException.class, e -> new NotReadyException("Expected ticket "
                        + expectation.ticketId() + " at version " + expectation.minVersion()
                        + " or later, but the projection has not reached it within "
                        + expectation.timeout().toMillis() + " ms", Duration.ofSeconds(1)))
                .then();
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
