package dev.baton.notification.delivery;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** The {@code delivery} table: one row per delivery id, counting attempts and keeping the last error. */
@Repository
public class DeliveryRepository {
    private static final String COLUMNS =
            "delivery_id, ticket_id, event_id, event_type, recipients, status, attempts, last_error, created_at, updated_at";
    private static final RowMapper<Delivery> ROW = DeliveryRepository::map;

    private final JdbcTemplate jdbc;

    public DeliveryRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Delivery> find(String deliveryId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM delivery WHERE delivery_id = ?", ROW, deliveryId)
                .stream().findFirst();
    }

    public List<Delivery> forTicket(String ticketId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM delivery WHERE ticket_id = ? ORDER BY created_at, delivery_id",
                ROW, ticketId);
    }

    /** Records one attempt: {@code DELIVERED}, or {@code FAILED} with what went wrong. */
    public void attempted(DeliveryKey key, DeliveryStatus status, String error) {
        jdbc.update("""
                INSERT INTO delivery (delivery_id, ticket_id, event_id, event_type, recipients, status, attempts, last_error)
                VALUES (?, ?, ?, ?, ?, ?, 1, ?)
                ON CONFLICT (delivery_id) DO UPDATE SET
                    status = excluded.status,
                    attempts = delivery.attempts + 1,
                    last_error = COALESCE(excluded.last_error, delivery.last_error),
                    updated_at = now()""",
                key.deliveryId(), key.ticketId(), key.eventId(), key.eventType(),
                key.recipients().toArray(String[]::new), status.name(), error);
    }

    /** Marks a delivery dead once its event is in the dead-letter topic. */
    public void dead(String deliveryId, String reason) {
        jdbc.update("""
                UPDATE delivery SET status = 'DEAD', last_error = COALESCE(?, last_error), updated_at = now()
                WHERE delivery_id = ?""", reason, deliveryId);
    }

    private static Delivery map(ResultSet rs, int row) throws SQLException {
        Array recipients = rs.getArray("recipients");
        return new Delivery(rs.getString("delivery_id"), rs.getString("ticket_id"), rs.getString("event_id"),
                rs.getString("event_type"), recipients == null ? List.of() : List.of((String[]) recipients.getArray()),
                DeliveryStatus.valueOf(rs.getString("status")), rs.getInt("attempts"), rs.getString("last_error"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}
