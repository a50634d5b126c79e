package dev.baton.command.start;

import dev.baton.api.error.BatonException;
import dev.baton.api.error.ErrorCode;
import dev.baton.api.workflow.StartPermission;
import dev.baton.command.ticket.StartLimiter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Rate limits in ticket-command's own schema: one {@code ticket_start} row per start of a rate-limited workflow,
 * counted over the window under a transaction-scoped advisory lock per (workflow, creator), so that two creates of
 * the same user racing on two instances cannot both slip under the limit. Everything runs in the command's
 * transaction: a refused or failed create leaves no row behind.
 */
@Component
public class JdbcStartLimiter implements StartLimiter {
    private final JdbcTemplate jdbc;

    public JdbcStartLimiter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void claim(String workflowKey, String creator, String ticketId, StartPermission.RateLimit limit,
                      Instant now) {
        jdbc.queryForList("SELECT pg_advisory_xact_lock(hashtextextended(? || chr(31) || ?, 0))", workflowKey,
                creator);
        Instant since = now.minus(Duration.ofHours(limit.perHours()));
        List<Timestamp> starts = jdbc.queryForList("""
                SELECT started_at FROM ticket_start
                WHERE workflow_key = ? AND creator = ? AND started_at > ?
                ORDER BY started_at""", Timestamp.class, workflowKey, creator, Timestamp.from(since));
        if (starts.size() >= limit.tickets()) {
            Instant next = starts.get(starts.size() - limit.tickets()).toInstant()
                    .plus(Duration.ofHours(limit.perHours()));
            throw new BatonException(ErrorCode.RATE_LIMITED, "Expected at most " + limit.tickets()
                    + " tickets of workflow '" + workflowKey + "' per " + limit.perHours() + " hours from '" + creator
                    + "', but " + starts.size() + " were started; the next one is possible after " + next);
        }
        jdbc.update("INSERT INTO ticket_start (workflow_key, creator, started_at, ticket_id) VALUES (?, ?, ?, ?)",
                workflowKey, creator, Timestamp.from(now), ticketId);
    }

    /** Rows older than any window (a year) count for nothing. */
    @Scheduled(fixedDelayString = "${baton.start-limits.cleanup-interval:3600000}")
    public void forgetOldStarts() {
        jdbc.update("DELETE FROM ticket_start WHERE started_at < now() - interval '367 days'");
    }
}
