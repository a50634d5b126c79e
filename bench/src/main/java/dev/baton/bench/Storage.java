package dev.baton.bench;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Stored bytes per finished ticket: pg_total_relation_size (heap + TOAST + indexes) of the event store, the
 * projection and the notification tables, divided by the finished tickets of the projection. Optionally again
 * after VACUUM FULL (no dead rows left by the projection's updates).
 */
final class Storage {
    /** schema.table -> which part of the figure it belongs to. */
    static final Map<String, String> TABLES = new LinkedHashMap<>();

    static {
        TABLES.put("ticket_command.domain_event_entry", "event store");
        TABLES.put("ticket_command.snapshot_event_entry", "event store");
        TABLES.put("ticket_query.ticket", "projection");
        TABLES.put("ticket_query.ticket_user", "projection");
        TABLES.put("ticket_query.flow_log", "projection");
        TABLES.put("ticket_query.parked_event", "projection");
        TABLES.put("notification_worker.ticket_summary", "notifications");
        TABLES.put("notification_worker.delivery", "notifications");
    }

    /** Other per-ticket tables, shown but not in the figure. */
    static final List<String> EXTRA = List.of("ticket_command.idempotent_request", "ticket_command.token_entry",
            "ticket_command.serial_counter");

    static Map<String, Object> measure(String url, String user, String password, boolean compact, PrintStream out)
            throws SQLException {
        Map<String, Object> result = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            long finished = single(c, "SELECT count(*) FROM ticket_query.ticket WHERE status = 'FINISHED'");
            long tickets = single(c, "SELECT count(*) FROM ticket_query.ticket");
            long seeded = single(c, "SELECT count(*) FROM ticket_query.ticket WHERE app_id = 'bench-seed'");
            long events = single(c, "SELECT count(*) FROM ticket_command.domain_event_entry");
            out.printf("tickets in projection: %d (finished %d); events in the store: %d%n", tickets, finished, events);
            if (seeded > 0) {
                out.printf("WARNING: %d seeded tickets present (seed-projection.sql): the figure is meaningless%n", seeded);
            }
            result.put("finished", finished);
            result.put("events", events);
            result.put("as-is", table(c, finished, out, "as stored (with dead rows of updates)"));
            if (compact) {
                try (Statement s = c.createStatement()) {
                    for (String t : TABLES.keySet()) {
                        s.execute("VACUUM FULL ANALYZE " + t);
                    }
                }
                result.put("compacted", table(c, finished, out, "after VACUUM FULL"));
            }
            out.println("average stored value sizes (bytes, pg_column_size: after compression, without row/index overhead):");
            for (String q : List.of(
                    "SELECT 'domain_event_entry.payload', avg(pg_column_size(payload)) FROM ticket_command.domain_event_entry",
                    "SELECT 'domain_event_entry.meta_data', avg(pg_column_size(meta_data)) FROM ticket_command.domain_event_entry",
                    "SELECT 'domain_event_entry row', avg(pg_column_size(e.*)) FROM ticket_command.domain_event_entry e",
                    "SELECT 'ticket row', avg(pg_column_size(t.*)) FROM ticket_query.ticket t",
                    "SELECT 'ticket_user row', avg(pg_column_size(u.*)) FROM ticket_query.ticket_user u",
                    "SELECT 'ticket_user rows per ticket', count(*)::numeric / greatest(1, count(DISTINCT ticket_no)) FROM ticket_query.ticket_user",
                    "SELECT 'flow_log.events (deflated)', avg(pg_column_size(events)) FROM ticket_query.flow_log",
                    "SELECT 'flow_log row', avg(pg_column_size(f.*)) FROM ticket_query.flow_log f",
                    "SELECT 'delivery row', avg(pg_column_size(d.*)) FROM notification_worker.delivery d",
                    "SELECT 'delivery rows per ticket', count(*)::numeric / greatest(1, count(DISTINCT ticket_id)) FROM notification_worker.delivery")) {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(q)) {
                    if (rs.next()) {
                        out.printf(Locale.ROOT, "  %-32s %10.1f%n", rs.getString(1), rs.getDouble(2));
                    }
                } catch (SQLException e) {
                    out.printf("  %-32s (%s)%n", q, e.getMessage());
                }
            }
        }
        return result;
    }

    private static Map<String, Object> table(Connection c, long finished, PrintStream out, String title) throws SQLException {
        out.printf("storage %s:%n", title);
        out.printf("  %-40s %12s %12s %12s %10s%n", "table", "rows", "total bytes", "of which idx", "B/ticket");
        Map<String, Long> parts = new LinkedHashMap<>();
        long sum = 0;
        for (String t : concat()) {
            long total;
            long indexes;
            long rows;
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT pg_total_relation_size('" + t + "'), pg_indexes_size('" + t
                         + "'), (SELECT count(*) FROM " + t + ")")) {
                rs.next();
                total = rs.getLong(1);
                indexes = rs.getLong(2);
                rows = rs.getLong(3);
            } catch (SQLException e) {
                out.printf("  %-40s (missing: %s)%n", t, e.getMessage().split("\n")[0]);
                continue;
            }
            String part = TABLES.get(t);
            out.printf(Locale.ROOT, "  %-40s %12d %12d %12d %10.0f%s%n", t, rows, total, indexes,
                    total / (double) Math.max(1, finished), part == null ? "  (not counted)" : "");
            if (part != null) {
                parts.merge(part, total, Long::sum);
                sum += total;
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        for (Map.Entry<String, Long> p : parts.entrySet()) {
            double per = p.getValue() / (double) Math.max(1, finished);
            out.printf(Locale.ROOT, "  %-40s %38.0f B per finished ticket%n", p.getKey(), per);
            result.put(p.getKey(), Math.round(per));
        }
        double per = sum / (double) Math.max(1, finished);
        out.printf(Locale.ROOT, "  %-40s %38.0f B per finished ticket (%.2f KB)%n", "TOTAL (event store + projections + notifications)",
                per, per / 1024);
        result.put("total", Math.round(per));
        return result;
    }

    private static List<String> concat() {
        java.util.ArrayList<String> all = new java.util.ArrayList<>(TABLES.keySet());
        all.addAll(EXTRA);
        return all;
    }

    private static long single(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Runs a SQL file (plain SQL, no psql meta-commands) in one session. */
    static void runFile(String url, String user, String password, String sql, PrintStream out) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            long t0 = System.nanoTime();
            s.execute(sql);
            for (java.sql.SQLWarning w = s.getWarnings(); w != null; w = w.getNextWarning()) {
                out.println("  " + w.getMessage());
            }
            out.printf(Locale.ROOT, "done in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        }
    }

    static String checkLoopback(String jdbcUrl) {
        String rest = jdbcUrl.replaceFirst("^jdbc:postgresql://", "");
        String host = rest.split("[:/]", 2)[0];
        if (!(host.equals("127.0.0.1") || host.equals("localhost"))) {
            throw new IllegalArgumentException("Only a PostgreSQL on 127.0.0.1 is allowed, got " + jdbcUrl);
        }
        return jdbcUrl;
    }
}
