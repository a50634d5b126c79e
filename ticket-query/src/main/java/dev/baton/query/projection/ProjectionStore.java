package dev.baton.query.projection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.api.ticket.TicketSnapshot;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.io.UncheckedIOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The projection tables, written with JDBC inside the projector's transaction: one locking read for all tickets of
 * a batch, then one JDBC batch per statement.
 */
@Repository
public class ProjectionStore {
    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public ProjectionStore(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * A projected ticket as stored: its surrogate number, the whole ticket, its stored flow log, and whether events
     * of it are parked.
     */
    public record Stored(long ticketNo, TicketSnapshot snapshot, byte[] flowLog, boolean hasParked) {
    }

    /** A ticket's new state, to be written. {@code before} is null for a ticket the projection did not hold yet. */
    public record Written(Stored before, long ticketNo, TicketSnapshot after, byte[] flowLog,
                          Collection<UserRow> users) {
    }

    /** A {@code ticket_user} row to insert, or to update where it differs. Relation flags only ever turn on. */
    public record UserRow(String username, boolean todo, boolean creator, boolean acted, boolean assigned,
                          boolean cc, boolean worked) {
        /** This row written, then {@code later}: the later todo flag, the other flags once set stay set. */
        UserRow then(UserRow later) {
            return new UserRow(username, later.todo, creator || later.creator, acted || later.acted,
                    assigned || later.assigned, cc || later.cc, worked || later.worked);
        }
    }

    /**
     * Locks the rows of those tickets the projection holds, in ticket id order (so concurrent batches cannot
     * deadlock), for this transaction, and returns them by ticket id. Tells in the same query which of them have
     * parked events.
     */
    public Map<String, Stored> lock(Collection<String> ticketIds) {
        Map<String, Stored> found = new HashMap<>();
        jdbc.query(con -> {
            PreparedStatement ps = con.prepareStatement("SELECT " + TicketRow.COLUMNS + """
                    , t.ticket_no, l.events, EXISTS (SELECT 1 FROM parked_event p
                                                     WHERE p.ticket_id = t.ticket_id AND p.reason = ?) AS has_parked
                    FROM ticket t JOIN flow_log l ON l.ticket_no = t.ticket_no
                    WHERE t.ticket_id = ANY(?) ORDER BY t.ticket_id FOR UPDATE OF t
                    """);
            ps.setString(1, ParkedEvents.GAP);
            ps.setArray(2, con.createArrayOf("text", ticketIds.toArray()));
            return ps;
        }, rs -> {
            TicketSnapshot snapshot = TicketRow.snapshot(columns(rs), json);
            found.put(snapshot.ticketId(), new Stored(rs.getLong("ticket_no"), snapshot, rs.getBytes("events"),
                    rs.getBoolean("has_parked")));
        });
        return found;
    }

    /** Numbers for {@code count} tickets new to the projection. */
    public long[] newTicketNumbers(int count) {
        if (count == 0) {
            return new long[0];
        }
        return jdbc.queryForList("SELECT nextval('ticket_no_seq') FROM generate_series(1, ?)", Long.class, count)
                .stream().mapToLong(Long::longValue).toArray();
    }

    /**
     * Writes the tickets' new states, flow logs and changed user rows. Fails with {@link ConcurrentProjectionException}
     * when a ticket new to this transaction was inserted by another one meanwhile.
     */
    public void write(List<Written> tickets) {
        List<Written> created = tickets.stream().filter(w -> w.before() == null).toList();
        List<Written> changed = tickets.stream().filter(w -> w.before() != null).toList();
        if (!created.isEmpty()) {
            int[][] inserted = jdbc.batchUpdate("""
                    INSERT INTO ticket (ticket_no, ticket_id, serial_no, workflow_key, workflow_version, workflow_name,
                                        title, creator, app_id, state_key, state_name, state_type, status, distribution,
                                        participants, awaiting_accept, done, sign_requested_by, queue, pool, fields,
                                        created_at, created_at_nanos, updated_at, updated_at_nanos, version,
                                        on_behalf_of, parent, children)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?::jsonb,
                            ?::jsonb, ?::jsonb)
                    ON CONFLICT (ticket_id) DO NOTHING
                    """, created, created.size(), (ps, w) -> {
                TicketSnapshot s = w.after();
                Connection con = ps.getConnection();
                ps.setLong(1, w.ticketNo());
                ps.setString(2, s.ticketId());
                ps.setString(3, s.serialNo());
                ps.setString(4, s.workflowKey());
                ps.setInt(5, s.workflowVersion());
                ps.setString(6, s.workflowName());
                ps.setString(7, s.title());
                ps.setString(8, s.creator());
                ps.setString(9, s.appId());
                setStateAndAssignment(ps, 10, con, s);
                ps.setString(21, write(s.fields()));
                setInstant(ps, 22, s.createdAt());
                setInstant(ps, 24, s.updatedAt());
                ps.setLong(26, s.version());
                ps.setString(27, onBehalfOf(s));
                ps.setString(28, s.parent() == null ? null : write(s.parent()));
                ps.setString(29, s.children().isEmpty() ? null : write(s.children()));
            });
            for (int i = 0; i < inserted[0].length; i++) {
                if (inserted[0][i] == 0) {
                    throw new ConcurrentProjectionException(created.get(i).after().ticketId());
                }
            }
        }
        if (!changed.isEmpty()) {
            jdbc.batchUpdate("""
                    UPDATE ticket SET state_key = ?, state_name = ?, state_type = ?, status = ?, distribution = ?,
                                      participants = ?, awaiting_accept = ?, done = ?, sign_requested_by = ?,
                                      queue = ?, pool = ?, fields = ?::jsonb, updated_at = ?, updated_at_nanos = ?,
                                      version = ?, workflow_version = ?, on_behalf_of = ?::jsonb,
                                      children = ?::jsonb
                    WHERE ticket_no = ?
                    """, changed, changed.size(), (ps, w) -> {
                TicketSnapshot s = w.after();
                setStateAndAssignment(ps, 1, ps.getConnection(), s);
                ps.setString(12, write(s.fields()));
                setInstant(ps, 13, s.updatedAt());
                ps.setLong(15, s.version());
                ps.setInt(16, s.workflowVersion());
                ps.setString(17, onBehalfOf(s));
                ps.setString(18, s.children().isEmpty() ? null : write(s.children()));
                ps.setLong(19, w.ticketNo());
            });
        }
        // one statement for the batch's flow logs and one for its changed user rows, whatever their number
        // a ticket written twice in one call keeps its last flow log
        Map<Long, byte[]> flowLogs = new LinkedHashMap<>();
        tickets.forEach(w -> flowLogs.put(w.ticketNo(), w.flowLog()));
        if (!flowLogs.isEmpty()) {
            jdbc.update(con -> {
                PreparedStatement ps = con.prepareStatement("""
                        INSERT INTO flow_log (ticket_no, events) SELECT * FROM unnest(?::bigint[], ?::bytea[])
                        ON CONFLICT (ticket_no) DO UPDATE SET events = EXCLUDED.events
                        """);
                ps.setArray(1, con.createArrayOf("bigint", flowLogs.keySet().toArray()));
                ps.setArray(2, con.createArrayOf("bytea", flowLogs.values().toArray(byte[][]::new)));
                return ps;
            });
        }
        Map<UserKey, UserRow> users = new LinkedHashMap<>();
        tickets.forEach(w -> w.users().forEach(u -> users.merge(
                new UserKey(u.username(), Timestamp.from(TicketRow.micros(w.after().createdAt())), w.ticketNo()), u,
                UserRow::then)));
        if (!users.isEmpty()) {
            jdbc.update(con -> {
                PreparedStatement ps = con.prepareStatement("""
                        INSERT INTO ticket_user AS u (username, created_at, ticket_no, todo, creator, acted, assigned,
                                                      cc, worked)
                        SELECT * FROM unnest(?::text[], ?::timestamptz[], ?::bigint[], ?::boolean[], ?::boolean[],
                                             ?::boolean[], ?::boolean[], ?::boolean[], ?::boolean[])
                        ON CONFLICT (username, created_at, ticket_no) DO UPDATE SET
                            todo = EXCLUDED.todo,
                            creator = u.creator OR EXCLUDED.creator,
                            acted = u.acted OR EXCLUDED.acted,
                            assigned = u.assigned OR EXCLUDED.assigned,
                            cc = u.cc OR EXCLUDED.cc,
                            worked = u.worked OR EXCLUDED.worked
                        WHERE u.todo <> EXCLUDED.todo OR (EXCLUDED.creator AND NOT u.creator)
                           OR (EXCLUDED.acted AND NOT u.acted) OR (EXCLUDED.assigned AND NOT u.assigned)
                           OR (EXCLUDED.cc AND NOT u.cc) OR (EXCLUDED.worked AND NOT u.worked)
                        """);
                List<UserKey> keys = List.copyOf(users.keySet());
                List<UserRow> rows = List.copyOf(users.values());
                ps.setArray(1, con.createArrayOf("text", keys.stream().map(UserKey::username).toArray()));
                ps.setArray(2, con.createArrayOf("timestamptz", keys.stream().map(UserKey::createdAt).toArray()));
                ps.setArray(3, con.createArrayOf("bigint", keys.stream().map(UserKey::ticketNo).toArray()));
                ps.setArray(4, con.createArrayOf("boolean", rows.stream().map(UserRow::todo).toArray()));
                ps.setArray(5, con.createArrayOf("boolean", rows.stream().map(UserRow::creator).toArray()));
                ps.setArray(6, con.createArrayOf("boolean", rows.stream().map(UserRow::acted).toArray()));
                ps.setArray(7, con.createArrayOf("boolean", rows.stream().map(UserRow::assigned).toArray()));
                ps.setArray(8, con.createArrayOf("boolean", rows.stream().map(UserRow::cc).toArray()));
                ps.setArray(9, con.createArrayOf("boolean", rows.stream().map(UserRow::worked).toArray()));
                return ps;
            });
        }
    }

    /** A {@code ticket_user} row's key; one statement may name a key once only. */
    private record UserKey(String username, Timestamp createdAt, long ticketNo) {
    }

    /** The assignment's delegations as JSON, or NULL when there are none. */
    private String onBehalfOf(TicketSnapshot s) {
        return s.assignment().onBehalfOf().isEmpty() ? null : write(s.assignment().onBehalfOf());
    }

    /** Empties every projection table, for a rebuild. */
    public void truncate() {
        jdbc.execute("TRUNCATE ticket, ticket_user, flow_log, parked_event");
    }

    /** Sets state_key … pool: eleven parameters from {@code first}; an empty queue or pool as NULL. */
    private static void setStateAndAssignment(PreparedStatement ps, int first, Connection con, TicketSnapshot s)
            throws SQLException {
        ps.setString(first, s.state().key());
        ps.setString(first + 1, s.state().name());
        ps.setString(first + 2, s.state().type().name());
        ps.setString(first + 3, s.status().name());
        ps.setString(first + 4, s.assignment().distribution().name());
        ps.setArray(first + 5, con.createArrayOf("text", s.assignment().users().toArray()));
        ps.setBoolean(first + 6, s.assignment().awaitingAccept());
        ps.setArray(first + 7, con.createArrayOf("text", s.assignment().done().toArray()));
        ps.setString(first + 8, s.assignment().signRequestedBy());
        ps.setArray(first + 9, textsOrNull(con, s.assignment().queue()));
        ps.setArray(first + 10, textsOrNull(con, s.assignment().pool()));
    }

    private static Array textsOrNull(Connection con, List<String> values) throws SQLException {
        return values.isEmpty() ? null : con.createArrayOf("text", values.toArray());
    }

    /** Sets a timestamptz and its {@code *_nanos} column: two parameters from {@code first}. */
    private static void setInstant(PreparedStatement ps, int first, Instant exact) throws SQLException {
        ps.setTimestamp(first, Timestamp.from(TicketRow.micros(exact)));
        ps.setShort(first + 1, (short) TicketRow.nanosBeyondMicros(exact));
    }

    private static TicketRow.Columns columns(ResultSet rs) {
        return new TicketRow.Columns() {
            @Override
            public String text(String column) {
                return get(() -> rs.getString(column));
            }

            @Override
            public long number(String column) {
                return get(() -> rs.getLong(column));
            }

            @Override
            public boolean flag(String column) {
                return get(() -> rs.getBoolean(column));
            }

            @Override
            public Instant instant(String column) {
                return get(() -> rs.getObject(column, OffsetDateTime.class).toInstant());
            }

            @Override
            public List<String> texts(String column) {
                return get(() -> {
                    Array array = rs.getArray(column);
                    return array == null ? List.<String>of() : Arrays.asList((String[]) array.getArray());
                });
            }
        };
    }

    private interface SqlRead<T> {
        T read() throws SQLException;
    }

    private static <T> T get(SqlRead<T> read) {
        try {
            return read.read();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read a ticket row: " + e.getMessage(), e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
