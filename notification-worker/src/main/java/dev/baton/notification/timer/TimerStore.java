package dev.baton.notification.timer;

import dev.baton.api.ticket.event.TimersScheduled;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The {@code timer} table. */
@Repository
public class TimerStore {
    private static final RowMapper<Due> DUE = (rs, n) -> new Due(rs.getString("timer_id"), rs.getString("ticket_id"),
            rs.getInt("visit"), rs.getTimestamp("due_at").toInstant(),
            rs.getObject("every_seconds") == null ? null : rs.getLong("every_seconds"),
            rs.getObject("times") == null ? null : rs.getInt("times"), rs.getInt("firing"), rs.getString("traceparent"));

    private final JdbcTemplate jdbc;

    public TimerStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A timer that is due: its next firing is {@code firing + 1}.
     *
     * @param trace the W3C {@code traceparent} of the event that scheduled it (null: none); its firings continue it
     */
    public record Due(String timerId, String ticketId, int visit, Instant dueAt, Long everySeconds, Integer times,
                      int firing, String trace) {
        /** Whether it fires again after this firing. */
        boolean repeats() {
            return everySeconds != null && (times == null || firing + 1 < times);
        }
    }

    /** Keeps the schedule's timers; a schedule seen before changes nothing. */
    public void schedule(TimersScheduled schedule, long sequence) {
        schedule(schedule, sequence, null);
    }

    /** Keeps the schedule's timers with the W3C {@code trace} of the schedule's record (null: none). */
    public void schedule(TimersScheduled schedule, long sequence, String trace) {
        jdbc.batchUpdate("""
                INSERT INTO timer (timer_id, ticket_id, kind, visit, due_at, every_seconds, times, scheduled_seq,
                                   traceparent)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (timer_id) DO NOTHING
                """, schedule.timers(), schedule.timers().size(), (ps, t) -> {
            ps.setString(1, t.timerId());
            ps.setString(2, schedule.ticketId());
            ps.setString(3, t.kind().name());
            ps.setInt(4, schedule.visit());
            ps.setTimestamp(5, Timestamp.from(t.dueAt()));
            ps.setObject(6, t.everySeconds());
            ps.setObject(7, t.times());
            ps.setLong(8, sequence);
            ps.setString(9, trace);
        });
    }

    /** Forgets the ticket's timers scheduled before its event number {@code sequence}; the count forgotten. */
    public int cancelBefore(String ticketId, long sequence) {
        return jdbc.update("DELETE FROM timer WHERE ticket_id = ? AND scheduled_seq < ?", ticketId, sequence);
    }

    /** Up to {@code limit} due timers, oldest first, locked for this transaction; rows others hold are skipped. */
    public List<Due> claimDue(Instant now, int limit) {
        return jdbc.query("SELECT timer_id, ticket_id, visit, due_at, every_seconds, times, firing, traceparent FROM timer"
                + " WHERE due_at <= ? ORDER BY due_at LIMIT ? FOR UPDATE SKIP LOCKED", DUE, Timestamp.from(now), limit);
    }

    /** When the earliest timer falls due; empty when there is none. */
    public Optional<Instant> nextDue() {
        Timestamp next = jdbc.queryForObject("SELECT min(due_at) FROM timer", Timestamp.class);
        return Optional.ofNullable(next).map(Timestamp::toInstant);
    }

    /** After a firing: a repeating reminder moves to its next due time, anything else is done. */
    public void fired(Due due) {
        if (due.repeats()) {
            jdbc.update("UPDATE timer SET firing = firing + 1, due_at = ? WHERE timer_id = ?",
                    Timestamp.from(due.dueAt().plusSeconds(due.everySeconds())), due.timerId());
        } else {
            jdbc.update("DELETE FROM timer WHERE timer_id = ?", due.timerId());
        }
    }

    public int pending() {
        return jdbc.queryForObject("SELECT count(*) FROM timer", Integer.class);
    }
}
