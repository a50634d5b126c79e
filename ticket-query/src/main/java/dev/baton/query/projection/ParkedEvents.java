package dev.baton.query.projection;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Events held back until their predecessor arrives, and records that cannot be read at all. */
@Repository
public class ParkedEvents {
    public static final String GAP = "gap";
    public static final String UNREADABLE = "unreadable";

    private final JdbcTemplate jdbc;

    public ParkedEvents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A parked event, as it came off the topic. */
    public record Parked(long id, String ticketId, long seq, String eventId, String ceType, String payload) {
    }

    public void park(String ticketId, Long seq, String eventId, String ceType, String payload, String reason,
                     String error, String source) {
        jdbc.update("""
                INSERT INTO parked_event (ticket_id, seq, event_id, ce_type, payload, reason, error, source)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, ticketId, seq, eventId, ceType, payload, reason, error, source);
    }

    /** Those of {@code ticketIds} that have events waiting for a predecessor: one query for many tickets. */
    public Set<String> waiting(Collection<String> ticketIds) {
        return new HashSet<>(jdbc.query(con -> {
            var ps = con.prepareStatement("SELECT DISTINCT ticket_id FROM parked_event WHERE ticket_id = ANY(?) AND reason = ?");
            ps.setArray(1, con.createArrayOf("text", ticketIds.toArray()));
            ps.setString(2, GAP);
            return ps;
        }, (rs, i) -> rs.getString(1)));
    }

    /** The parked event that directly follows {@code version}, if it is waiting. */
    public Optional<Parked> next(String ticketId, long version) {
        List<Parked> found = jdbc.query("""
                SELECT id, ticket_id, seq, event_id, ce_type, payload FROM parked_event
                WHERE ticket_id = ? AND seq = ? AND reason = ? ORDER BY id LIMIT 1
                """, (rs, i) -> new Parked(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                rs.getString(5), rs.getString(6)), ticketId, version + 1, GAP);
        return found.stream().findFirst();
    }

    /** Forgets the parked events of a ticket that the projection now holds (applied, or duplicates of applied ones). */
    public void forgetUpTo(String ticketId, long version) {
        jdbc.update("DELETE FROM parked_event WHERE ticket_id = ? AND seq <= ? AND reason = ?", ticketId, version, GAP);
    }

    public long count() {
        Long n = jdbc.queryForObject("SELECT count(*) FROM parked_event", Long.class);
        return n == null ? 0 : n;
    }
}
