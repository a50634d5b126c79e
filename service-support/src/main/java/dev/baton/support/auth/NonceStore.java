package dev.baton.support.auth;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;

import java.sql.Timestamp;
import java.time.Instant;

/**
 * Remembers each (app, nonce) until its request could no longer pass the clock-skew check, so a captured request
 * cannot be replayed. Backed by the service's own {@code auth_nonce} table, so it holds across instances.
 */
public class NonceStore {
    private static final Logger log = LoggerFactory.getLogger(NonceStore.class);
    private final JdbcTemplate jdbc;

    public NonceStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the nonce; false when it was seen before (a replay). */
    public boolean claim(String appId, String nonce, Instant expiresAt) {
        return jdbc.update("INSERT INTO auth_nonce (app_id, nonce, expires_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                appId, nonce, Timestamp.from(expiresAt)) == 1;
    }

    @Scheduled(fixedDelayString = "${baton.auth.nonce-cleanup-interval:60000}")
    public void forgetExpired() {
        int removed = jdbc.update("DELETE FROM auth_nonce WHERE expires_at < now()");
        if (removed > 0) {
            log.debug("Forgot {} expired nonces", removed);
        }
    }
}
