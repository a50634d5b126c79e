package dev.baton.support.auth;

import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Instant;

/**
 * The service's {@code auth_nonce} table, which all instances of the service share, so that a replay sent to another
 * instance is refused too. The table is {@code UNLOGGED}: an insert is not flushed to the WAL before its commit
 * returns, and a PostgreSQL crash empties the table (see ADR 0006).
 */
public class SharedNonces {
    private final JdbcTemplate jdbc;

    public SharedNonces(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records (app, nonce) until {@code expiresAt}; false when a row for it has not expired at {@code now} (a replay).
     * An expired row the clean-up has not reached yet is taken over.
     */
    public boolean claim(String appId, String nonce, Instant expiresAt, Instant now) {
        return jdbc.update("""
                INSERT INTO auth_nonce (app_id, nonce, expires_at) VALUES (?, ?, ?)
                ON CONFLICT (app_id, nonce) DO UPDATE SET expires_at = excluded.expires_at
                WHERE auth_nonce.expires_at <= ?""",
                appId, nonce, Timestamp.from(expiresAt), Timestamp.from(now)) == 1;
    }

    /** Deletes the rows expired at {@code now} (a range of the {@code expires_at} index); returns how many. */
    public int forgetExpired(Instant now) {
        return jdbc.update("DELETE FROM auth_nonce WHERE expires_at <= ?", Timestamp.from(now));
    }
}
