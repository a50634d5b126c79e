package dev.baton.query.projection;

import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Events held back until their predecessor arrives ({@value #GAP}), records that cannot be read at all
 * ({@value #UNREADABLE}), and events the projection failed to apply however often it tried ({@value #FAILED}): the
 * last two wait for an admin, who may retry them once the cause is fixed.
 */
@Repository
public class ParkedEvents {
    public static final String GAP = "gap";
    public static final String UNREADABLE = "unreadable";
    public static final String FAILED = "failed";

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

    /** A parked record as an admin sees it. */
    @Schema(name = "ParkedProjectionEvent")
    public record Listed(long id, String ticketId, Long seq, String eventId, String ceType, String reason,
                         String error, String source, java.time.Instant parkedAt) {
    }

    /** The parked records that wait for an admin (failed and unreadable), oldest first, at most {@code limit}. */
    public List<Listed> waitingForAdmin(int limit) {
        return jdbc.query("""
                SELECT id, ticket_id, seq, event_id, ce_type, reason, error, source, parked_at FROM parked_event
                WHERE reason <> ? ORDER BY id LIMIT ?
                """, (rs, i) -> new Listed(rs.getLong(1), rs.getString(2), (Long) rs.getObject(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                rs.getTimestamp(9).toInstant()), GAP, limit);
    }

    /** One parked record, with its payload, for a retry. */
    public Optional<Parked> byId(long id) {
        return jdbc.query("SELECT id, ticket_id, seq, event_id, ce_type, payload FROM parked_event WHERE id = ?",
                (rs, i) -> new Parked(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                        rs.getString(5), rs.getString(6)), id).stream().findFirst();
    }

    public String reasonOf(long id) {
        return jdbc.query("SELECT reason FROM parked_event WHERE id = ?", (rs, i) -> rs.getString(1), id)
                .stream().findFirst().orElse(null);
    }

    public void forget(long id) {
        jdbc.update("DELETE FROM parked_event WHERE id = ?", id);
    }

    /** A retried record now only waits for its predecessor. */
    public void nowWaiting(long id) {
        jdbc.update("UPDATE parked_event SET reason = ?, error = NULL WHERE id = ?", GAP, id);
    }

    public void failedAgain(long id, String error) {
        jdbc.update("UPDATE parked_event SET error = ?, parked_at = now() WHERE id = ?", error, id);
    }

    /**
     * The lowest sequence number of the ticket's events that wait for an admin, if any: the projection cannot pass
     * it until they are retried.
     */
    public Optional<Long> blockedAt(String ticketId) {
        return Optional.ofNullable(jdbc.queryForObject(
                "SELECT min(seq) FROM parked_event WHERE ticket_id = ? AND reason <> ?", Long.class, ticketId, GAP));
    }

    public long waitingForAdminCount() {
        Long n = jdbc.queryForObject("SELECT count(*) FROM parked_event WHERE reason <> ?", Long.class, GAP);
        return n == null ? 0 : n;
    }

    public long count() {
        Long n = jdbc.queryForObject("SELECT count(*) FROM parked_event", Long.class);
        return n == null ? 0 : n;
    }
}
