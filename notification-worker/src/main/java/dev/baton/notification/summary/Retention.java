package dev.baton.notification.summary;

import dev.baton.notification.NotificationProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;

/**
 * Forgets tickets that ended longer ago than {@code baton.notification.retention} (default 180 days; 0 keeps them
 * forever): their summary and their delivery log. A ticket with a delivery still to send is kept until it is sent or
 * dead. Runs hourly, 1,000 tickets at a time; several instances may run it at once.
 */
@Component
public class Retention {
    private static final Logger log = LoggerFactory.getLogger(Retention.class);
    private static final int BATCH = 1_000;

    private final JdbcTemplate jdbc;
    private final NotificationProperties properties;
    private final Clock clock;

    public Retention(JdbcTemplate jdbc, NotificationProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "PT5M", fixedDelayString = "PT1H")
    public void pruneEnded() {
        if (!properties.enabled() || properties.retention().isZero()) {
            return;
        }
        Instant cutoff = clock.instant().minus(properties.retention());
        int total = 0;
        int pruned;
        do {
            pruned = prune(cutoff);
            total += pruned;
        } while (pruned == BATCH);
        if (total > 0) {
            log.info("Forgot {} tickets that ended before {}", total, cutoff);
        }
    }

    /** Forgets up to 1,000 tickets that ended before {@code cutoff}; the number forgotten. */
    public int prune(Instant cutoff) {
        return jdbc.update("""
                WITH old AS (
                    SELECT s.ticket_id FROM ticket_summary s
                    WHERE s.ended AND s.updated_at < ?
                      AND NOT EXISTS (SELECT 1 FROM delivery d WHERE d.ticket_id = s.ticket_id AND d.status = 'PENDING')
                    LIMIT ?),
                gone AS (DELETE FROM delivery d USING old WHERE d.ticket_id = old.ticket_id)
                DELETE FROM ticket_summary s USING old WHERE s.ticket_id = old.ticket_id""",
                Timestamp.from(cutoff), BATCH);
    }
}
