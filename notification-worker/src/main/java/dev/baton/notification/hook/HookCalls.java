package dev.baton.notification.hook;

import dev.baton.api.ticket.event.HookRequested;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code hook_call} table. */
@Repository
public class HookCalls {
    private static final String COLUMNS = "hook_id, ticket_id, status, mode, url, secret_name, timeout_seconds,"
            + " max_attempts, attempts, payload, last_error, traceparent";
    private static final RowMapper<Call> CALL = (rs, n) -> new Call(rs.getString("hook_id"), rs.getString("ticket_id"),
            rs.getString("status"), rs.getString("mode"), rs.getString("url"), rs.getString("secret_name"),
            rs.getInt("timeout_seconds"), rs.getInt("max_attempts"), rs.getInt("attempts"), rs.getString("payload"),
            rs.getString("last_error"), rs.getString("traceparent"));

    private final JdbcTemplate jdbc;

    public HookCalls(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One hook call.
     *
     * @param trace the W3C {@code traceparent} of the event that asked for it (null: none): the call, and the answer
     *              sent back to the ticket, continue that trace
     */
    @Schema(name = "HookCall")
    public record Call(String hookId, String ticketId, String status, String mode, String url, String secretName,
                       int timeoutSeconds, int maxAttempts, int attempts, String payload, String lastError,
                       String trace) {
    }

    /** Keeps a requested call; a request seen before changes nothing. */
    public void add(HookRequested request, String payload, long sequence, String trace, Instant now) {
        jdbc.update("""
                INSERT INTO hook_call (hook_id, ticket_id, status, mode, url, secret_name, timeout_seconds,
                                       max_attempts, next_at, payload, scheduled_seq, traceparent)
                VALUES (?, ?, 'PENDING', ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (hook_id) DO NOTHING
                """, request.hookId(), request.ticketId(), request.hook().mode().name(), request.hook().url(),
                request.hook().secret(), request.hook().timeoutOrDefault(), request.hook().attemptsOrDefault(),
                Timestamp.from(now), payload, sequence, trace);
    }

    /** Keeps an event hook's call (mode {@code EVENT}: nothing goes back to the ticket); seen before, nothing. */
    public void addEvent(String hookId, String ticketId, dev.baton.api.workflow.EventHook hook, String payload,
                         long sequence, String trace, Instant now) {
        jdbc.update("""
                INSERT INTO hook_call (hook_id, ticket_id, status, mode, url, secret_name, timeout_seconds,
                                       max_attempts, next_at, payload, scheduled_seq, traceparent)
                VALUES (?, ?, 'PENDING', 'EVENT', ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (hook_id) DO NOTHING
                """, hookId, ticketId, hook.url(), hook.secret(),
                hook.timeoutSeconds() == null ? dev.baton.api.workflow.HookDef.DEFAULT_TIMEOUT_SECONDS
                        : hook.timeoutSeconds(),
                hook.attempts() == null ? dev.baton.api.workflow.HookDef.DEFAULT_ATTEMPTS : hook.attempts(),
                Timestamp.from(now), payload, sequence, trace);
    }

    /** Notes the workflow version a ticket follows. */
    public void follow(String ticketId, String workflowKey, int version) {
        jdbc.update("INSERT INTO hook_ticket (ticket_id, workflow_key, workflow_version) VALUES (?, ?, ?)"
                + " ON CONFLICT (ticket_id) DO UPDATE SET workflow_key = EXCLUDED.workflow_key,"
                + " workflow_version = EXCLUDED.workflow_version", ticketId, workflowKey, version);
    }

    /** The workflow key and version a ticket follows, if its creation was seen. */
    public Optional<Map.Entry<String, Integer>> workflowOf(String ticketId) {
        return jdbc.query("SELECT workflow_key, workflow_version FROM hook_ticket WHERE ticket_id = ?",
                (rs, n) -> Map.entry(rs.getString(1), rs.getInt(2)), ticketId).stream().findFirst();
    }

    /**
     * The ticket left the state: its state hook's open calls before event {@code sequence} are not wanted any more
     * (event hooks' calls are: they tell of what happened).
     */
    public int cancelBefore(String ticketId, long sequence) {
        return jdbc.update("UPDATE hook_call SET status = 'CANCELLED', updated_at = now() WHERE ticket_id = ?"
                + " AND scheduled_seq < ? AND status IN ('PENDING', 'WAITING') AND mode <> 'EVENT'", ticketId,
                sequence);
    }

    /**
     * Claims up to {@code limit} calls due at {@code now} for {@code owner} until {@code until}: pending ones that
     * nobody claimed, or whose claim ran out. Rows another worker is claiming at this moment are skipped.
     */
    public List<Call> claimDue(Instant now, String owner, Instant until, int limit) {
        return jdbc.query("UPDATE hook_call SET claimed_by = ?, claimed_until = ? WHERE hook_id IN ("
                + " SELECT hook_id FROM hook_call WHERE status = 'PENDING' AND next_at <= ?"
                + " AND (claimed_until IS NULL OR claimed_until <= ?) ORDER BY next_at LIMIT ? FOR UPDATE SKIP LOCKED)"
                + " RETURNING " + COLUMNS, CALL, owner, Timestamp.from(until), Timestamp.from(now),
                Timestamp.from(now), limit);
    }

    /**
     * When the earliest pending call may be claimed: its next attempt's time, or its claim's end if that is later;
     * empty when none is pending.
     */
    public Optional<Instant> nextDue() {
        Timestamp next = jdbc.queryForObject("SELECT min(GREATEST(next_at, claimed_until)) FROM hook_call"
                + " WHERE status = 'PENDING'", Timestamp.class);
        return Optional.ofNullable(next).map(Timestamp::toInstant);
    }

    public Optional<Call> lock(String hookId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM hook_call WHERE hook_id = ? FOR UPDATE", CALL, hookId).stream()
                .findFirst();
    }

    public Optional<Call> find(String hookId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM hook_call WHERE hook_id = ?", CALL, hookId).stream().findFirst();
    }

    public void finish(String hookId, String status, int attempts, String error) {
        jdbc.update("UPDATE hook_call SET status = ?, attempts = ?, last_error = ?, updated_at = now()"
                + " WHERE hook_id = ?", status, attempts, error, hookId);
    }

    /** The outcome of {@code owner}'s claim of a pending call; nothing if the call was cancelled meanwhile. */
    public void finishClaimed(String hookId, String owner, String status, int attempts, String error) {
        jdbc.update("UPDATE hook_call SET status = ?, attempts = ?, last_error = ?, claimed_until = NULL,"
                + " updated_at = now() WHERE hook_id = ? AND claimed_by = ? AND status = 'PENDING'", status, attempts,
                error, hookId, owner);
    }

    /** A failed attempt of {@code owner}'s claim, to try again at {@code next}. */
    public void retryLater(String hookId, String owner, int attempts, Instant next, String error) {
        jdbc.update("UPDATE hook_call SET attempts = ?, next_at = ?, last_error = ?, claimed_until = NULL,"
                + " updated_at = now() WHERE hook_id = ? AND claimed_by = ? AND status = 'PENDING'", attempts,
                Timestamp.from(next), error, hookId, owner);
    }

    /** Not called, and no attempt spent: its URL keeps failing; to claim again at {@code next}. */
    public void deferred(String hookId, String owner, Instant next) {
        jdbc.update("UPDATE hook_call SET next_at = ?, claimed_until = NULL WHERE hook_id = ? AND claimed_by = ?"
                + " AND status = 'PENDING'", Timestamp.from(next), hookId, owner);
    }

    /** An exhausted call, tried again from its first attempt. */
    public boolean revive(String hookId, Instant now) {
        return jdbc.update("UPDATE hook_call SET status = 'PENDING', attempts = 0, next_at = ?, claimed_until = NULL,"
                + " updated_at = now() WHERE hook_id = ? AND status = 'EXHAUSTED'", Timestamp.from(now), hookId) == 1;
    }

    public List<Call> exhausted(int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM hook_call WHERE status = 'EXHAUSTED' ORDER BY updated_at DESC"
                + " LIMIT ?", CALL, limit);
    }
}
