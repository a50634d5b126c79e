package dev.baton.notification.delivery;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The {@code delivery} table: the notification outbox and its log. */
@Repository
public class DeliveryRepository {
    private static final String COLUMNS = "delivery_id, ticket_id, event_id, event_type, kind, reason, recipient,"
            + " channel, subject, body, payload, status, attempts, max_attempts, next_at, last_error, created_at,"
            + " updated_at, traceparent";
    private static final RowMapper<Delivery> ROW = DeliveryRepository::map;

    private final JdbcTemplate jdbc;

    public DeliveryRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Keeps new deliveries to send now; one seen before (a re-read event) is left as it is. The number added. */
    public int addAll(List<Delivery> deliveries) {
        if (deliveries.isEmpty()) {
            return 0;
        }
        int[][] counts = jdbc.batchUpdate("""
                INSERT INTO delivery (delivery_id, ticket_id, event_id, event_type, kind, reason, recipient, channel,
                    subject, body, payload, status, max_attempts, next_at, traceparent)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?, ?) ON CONFLICT (delivery_id) DO NOTHING""",
                deliveries, 200, (ps, d) -> {
                    ps.setString(1, d.deliveryId());
                    ps.setString(2, d.ticketId());
                    ps.setString(3, d.eventId());
                    ps.setString(4, d.eventType());
                    ps.setString(5, d.kind());
                    ps.setString(6, d.reason());
                    ps.setString(7, d.recipient());
                    ps.setString(8, d.channel());
                    ps.setString(9, d.subject());
                    ps.setString(10, d.body());
                    ps.setString(11, d.payload());
                    ps.setInt(12, d.maxAttempts());
                    ps.setTimestamp(13, Timestamp.from(d.nextAt()));
                    ps.setString(14, d.trace());
                });
        int added = 0;
        for (int[] batch : counts) {
            for (int n : batch) {
                added += Math.max(0, n);
            }
        }
        return added;
    }

    public Optional<Delivery> find(String deliveryId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM delivery WHERE delivery_id = ?", ROW, deliveryId)
                .stream().findFirst();
    }

    public List<Delivery> forTicket(String ticketId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM delivery WHERE ticket_id = ? ORDER BY created_at, delivery_id",
                ROW, ticketId);
    }

    /**
     * Claims up to {@code limit} deliveries due at {@code now} for {@code owner} until {@code until}: pending ones
     * that nobody claimed, or whose claim ran out. Rows another worker is claiming at this moment are skipped.
     */
    public List<Delivery> claimDue(Instant now, String owner, Instant until, int limit) {
        return jdbc.query("UPDATE delivery SET claimed_by = ?, claimed_until = ? WHERE delivery_id IN ("
                + " SELECT delivery_id FROM delivery WHERE status = 'PENDING' AND next_at <= ?"
                + " AND (claimed_until IS NULL OR claimed_until <= ?) ORDER BY next_at LIMIT ? FOR UPDATE SKIP LOCKED)"
                + " RETURNING " + COLUMNS, ROW, owner, Timestamp.from(until), Timestamp.from(now),
                Timestamp.from(now), limit);
    }

    /**
     * When the earliest pending delivery may be claimed: its next attempt's time, or its claim's end if that is later;
     * empty when none is pending.
     */
    public Optional<Instant> nextDue() {
        Timestamp next = jdbc.queryForObject("SELECT min(GREATEST(next_at, claimed_until)) FROM delivery"
                + " WHERE status = 'PENDING'", Timestamp.class);
        return Optional.ofNullable(next).map(Timestamp::toInstant);
    }

    /** The channel took it: whoever holds the claim now, it is not sent again. */
    public void delivered(String deliveryId, int attempts) {
        jdbc.update("UPDATE delivery SET status = 'DELIVERED', attempts = ?, claimed_until = NULL, updated_at = now()"
                + " WHERE delivery_id = ? AND status = 'PENDING'", attempts, deliveryId);
    }

    /** A failed attempt of {@code owner}'s claim, to try again at {@code next}. */
    public void retryLater(String deliveryId, String owner, int attempts, Instant next, String error) {
        jdbc.update("UPDATE delivery SET attempts = ?, next_at = ?, last_error = ?, claimed_until = NULL,"
                + " updated_at = now() WHERE delivery_id = ? AND claimed_by = ? AND status = 'PENDING'", attempts,
                Timestamp.from(next), error, deliveryId, owner);
    }

    /** Not tried, and no attempt spent: its channel's endpoint keeps failing; to claim again at {@code next}. */
    public void deferred(String deliveryId, String owner, Instant next) {
        jdbc.update("UPDATE delivery SET next_at = ?, claimed_until = NULL WHERE delivery_id = ? AND claimed_by = ?"
                + " AND status = 'PENDING'", Timestamp.from(next), deliveryId, owner);
    }

    /** Out of attempts or refused for good, as {@code owner}'s claim found. */
    public void dead(String deliveryId, String owner, int attempts, String error) {
        jdbc.update("UPDATE delivery SET status = 'DEAD', attempts = ?, last_error = ?, claimed_until = NULL,"
                + " updated_at = now() WHERE delivery_id = ? AND claimed_by = ? AND status = 'PENDING'", attempts,
                error, deliveryId, owner);
    }

    /** A dead delivery, sent again from its first attempt; false when it is not dead. */
    public boolean revive(String deliveryId, Instant now) {
        return jdbc.update("UPDATE delivery SET status = 'PENDING', attempts = 0, next_at = ?, claimed_until = NULL,"
                + " updated_at = now() WHERE delivery_id = ? AND status = 'DEAD'", Timestamp.from(now), deliveryId) == 1;
    }

    public List<Delivery> dead(int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM delivery WHERE status = 'DEAD' ORDER BY updated_at DESC"
                + " LIMIT ?", ROW, limit);
    }

    private static Delivery map(ResultSet rs, int row) throws SQLException {
        return new Delivery(rs.getString("delivery_id"), rs.getString("ticket_id"), rs.getString("event_id"),
                rs.getString("event_type"), rs.getString("kind"), rs.getString("reason"), rs.getString("recipient"),
                rs.getString("channel"), rs.getString("subject"), rs.getString("body"), rs.getString("payload"),
                DeliveryStatus.valueOf(rs.getString("status")), rs.getInt("attempts"), rs.getInt("max_attempts"),
                rs.getTimestamp("next_at").toInstant(), rs.getString("last_error"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(),
                rs.getString("traceparent"));
    }
}
