package dev.baton.command.idempotency;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.api.auth.RequestSigning;
import dev.baton.api.error.BatonException;
import dev.baton.api.error.ErrorCode;
import dev.baton.support.problem.Problems;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Makes a command safe to retry: a key belongs to the caller application and the user it acts for. The first request
 * with an {@code Idempotency-Key} runs, its answer (success or a
 * final refusal) is stored, and every retry with the same key and the same request gets that answer again without
 * acting twice. The same key with a different request is refused (422); a retry while the first is still running
 * gets 409. Conflicts and server errors are not stored, so they can be retried for real.
 */
@Component
public class IdempotentRequests {
    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,128}");
    private static final Duration ABANDONED_AFTER = Duration.ofSeconds(60);

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public IdempotentRequests(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Whose key it is: the caller application and the user it acts for. */
    private record Owner(String appId, String user) {
    }

    private record Stored(String fingerprint, boolean done, int status, String response, boolean abandoned) {
    }

    public Mono<ResponseEntity<Object>> run(String appId, String user, String key, String fingerprint,
                                            Supplier<Mono<ResponseEntity<Object>>> action) {
        if (key == null) {
            return action.get();
        }
        if (!KEY.matcher(key).matches()) {
            return Mono.error(new BatonException(ErrorCode.INVALID_INPUT,
                    "Expected an Idempotency-Key of 1-128 visible ASCII characters, but got another value"));
        }
        String hash = RequestSigning.sha256Hex(fingerprint.getBytes(StandardCharsets.UTF_8));
        Owner owner = new Owner(appId, user);
        return blocking(() -> claim(owner, key, hash)).flatMap(claimed -> {
            if (claimed.isEmpty()) {
                return execute(owner, key, action);
            }
            Stored stored = claimed.get();
            if (!stored.fingerprint().equals(hash)) {
                return Mono.error(new BatonException(ErrorCode.IDEMPOTENCY_KEY_REUSED, "Expected Idempotency-Key '"
                        + key + "' to repeat the same request, but this request differs from the first"));
            }
            if (stored.done()) {
                return Mono.just(ResponseEntity.status(stored.status())
                        .contentType(stored.status() < 400 ? MediaType.APPLICATION_JSON : MediaType.APPLICATION_PROBLEM_JSON)
                        .header(REPLAYED, "true").body(stored.response()));
            }
            if (stored.abandoned() && Boolean.TRUE.equals(blockingValue(() -> takeOver(owner, key)))) {
                return execute(owner, key, action);
            }
            return Mono.error(new BatonException(ErrorCode.IDEMPOTENCY_KEY_IN_USE,
                    "Expected the first request with Idempotency-Key '" + key + "' to have finished, but it is running"));
        });
    }

    /**
     * Runs the request and records its answer, to the end even when the client goes away meanwhile (a timeout, a
     * closed connection): a command that took effect must have its answer stored, or the client's retry would find
     * the key in use, and after {@code ABANDONED_AFTER} run the command again and be refused for what it had done.
     */
    private Mono<ResponseEntity<Object>> execute(Owner owner, String key,
                                                 Supplier<Mono<ResponseEntity<Object>>> action) {
        return Mono.fromFuture(recorded(owner, key, action).toFuture(), true);
    }

    private Mono<ResponseEntity<Object>> recorded(Owner owner, String key,
                                                  Supplier<Mono<ResponseEntity<Object>>> action) {
        return Mono.defer(action)
                .flatMap(response -> blocking(() -> complete(owner, key, response.getStatusCode().value(),
                        json.writeValueAsString(response.getBody()))).thenReturn(response))
                .onErrorResume(BatonException.class, e -> {
                    int status = e.code().status();
                    if (status == 409 || status >= 500) {
                        return blocking(() -> forget(owner, key)).then(Mono.error(e));
                    }
                    return blocking(() -> complete(owner, key, status,
                            json.writeValueAsString(Problems.of(e, null)))).then(Mono.error(e));
                })
                .onErrorResume(e -> !(e instanceof BatonException),
                        e -> blocking(() -> forget(owner, key)).then(Mono.error(e)));
    }

    /** Empty when this request is the first with the key (and now owns it), else what the first one left. */
    private Optional<Stored> claim(Owner owner, String key, String hash) {
        int inserted = jdbc.update("""
                INSERT INTO idempotent_request (app_id, user_id, idem_key, fingerprint, done) VALUES (?, ?, ?, ?, false)
                ON CONFLICT DO NOTHING""", owner.appId(), owner.user(), key, hash);
        if (inserted == 1) {
            return Optional.empty();
        }
        List<Stored> rows = jdbc.query("""
                SELECT fingerprint, done, coalesce(http_status, 0) AS http_status, response,
                       created_at < now() - make_interval(secs => ?) AS abandoned
                FROM idempotent_request WHERE app_id = ? AND user_id = ? AND idem_key = ?""",
                (rs, i) -> new Stored(rs.getString("fingerprint"), rs.getBoolean("done"), rs.getInt("http_status"),
                        rs.getString("response"), rs.getBoolean("abandoned")),
                ABANDONED_AFTER.toSeconds(), owner.appId(), owner.user(), key);
        if (rows.isEmpty()) {
            return claim(owner, key, hash);
        }
        return Optional.of(rows.get(0));
    }

    private boolean takeOver(Owner owner, String key) {
        return jdbc.update("""
                UPDATE idempotent_request SET created_at = now()
                WHERE app_id = ? AND user_id = ? AND idem_key = ? AND NOT done
                  AND created_at < now() - make_interval(secs => ?)""",
                owner.appId(), owner.user(), key, ABANDONED_AFTER.toSeconds()) == 1;
    }

    private int complete(Owner owner, String key, int status, String response) {
        return jdbc.update("UPDATE idempotent_request SET done = true, http_status = ?, response = ? "
                + "WHERE app_id = ? AND user_id = ? AND idem_key = ?", status, response, owner.appId(), owner.user(), key);
    }

    private int forget(Owner owner, String key) {
        return jdbc.update("DELETE FROM idempotent_request WHERE app_id = ? AND user_id = ? AND idem_key = ? AND NOT done",
                owner.appId(), owner.user(), key);
    }

    @Scheduled(fixedDelayString = "${baton.idempotency.cleanup-interval:3600000}")
    public void forgetOldKeys() {
        jdbc.update("DELETE FROM idempotent_request WHERE created_at < now() - interval '24 hours'");
    }

    private interface Blocking<T> {
        T call() throws Exception;
    }

    private static <T> Mono<T> blocking(Blocking<T> work) {
        return Mono.fromCallable(work::call).subscribeOn(Schedulers.boundedElastic());
    }

    private static <T> T blockingValue(Blocking<T> work) {
        try {
            return work.call();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
