package dev.baton.bench;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * How far the asynchronous side is behind the event store, read from PostgreSQL: the relay (events stored but not yet
 * published: last global index minus the kafka-relay token) and the ticket-query projection (events stored minus
 * events projected: a ticket's version is the sequence number of its last projected event). Used to start every phase with nothing pending, so that one run's
 * backlog does not land in the next run's figures, and to report what a run left behind.
 */
final class Backlog implements AutoCloseable {
    record State(long events, long relayBehind, long projectionBehind) {
    }

    private final Connection c;

    Backlog(String url, String user, String password) throws SQLException {
        this.c = DriverManager.getConnection(Storage.checkLoopback(url), user, password);
    }

    State now() {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT (SELECT count(*) FROM ticket_command.domain_event_entry),
                       (SELECT coalesce(max(global_index), 0) FROM ticket_command.domain_event_entry)
                         - (SELECT coalesce(max((convert_from(token, 'UTF8')::json ->> 'index')::bigint), 0)
                            FROM ticket_command.token_entry WHERE processor_name = 'kafka-relay'),
                       (SELECT count(*) FROM ticket_command.domain_event_entry)
                         - (SELECT coalesce(sum(version + 1), 0) FROM ticket_query.ticket
                            WHERE app_id IS DISTINCT FROM 'bench-seed')""")) {
            rs.next();
            return new State(rs.getLong(1), Math.max(0, rs.getLong(2)), Math.max(0, rs.getLong(3)));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the backlog: " + e.getMessage(), e);
        }
    }

    /** Waits (bounded) until relay and projection have caught up; returns the seconds it took. */
    double drain(long maxMillis, PrintStream out, String what) throws InterruptedException {
        long t0 = System.nanoTime();
        State first = now();
        if (first.relayBehind() == 0 && first.projectionBehind() == 0) {
            return 0;
        }
        State s = first;
        while (s.relayBehind() > 0 || s.projectionBehind() > 0) {
            if ((System.nanoTime() - t0) / 1_000_000 > maxMillis) {
                out.printf("  backlog not drained after %d s: relay %d, projection %d events behind%n", maxMillis / 1000,
                        s.relayBehind(), s.projectionBehind());
                break;
            }
            Thread.sleep(100);
            s = now();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        out.printf(Locale.ROOT, "  %s: waited %.1f s for relay (%d events behind) and projection (%d behind) to catch up%n",
                what, seconds, first.relayBehind(), first.projectionBehind());
        return seconds;
    }

    @Override
    public void close() throws SQLException {
        c.close();
    }
}
