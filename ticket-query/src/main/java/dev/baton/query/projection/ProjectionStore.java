package dev.baton.query.projection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.api.ticket.TicketSnapshot;
import dev.baton.api.ticket.event.TicketEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.io.UncheckedIOException;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The projection tables, written with JDBC inside the projector's transaction. */
@Repository
public class ProjectionStore {
    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public ProjectionStore(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Locks the ticket's row for this transaction and returns its snapshot (absent before creation). */
    public Optional<TicketSnapshot> lock(String ticketId) {
        List<String> rows = jdbc.queryForList("SELECT snapshot::text FROM ticket WHERE ticket_id = ? FOR UPDATE",
                String.class, ticketId);
        return rows.stream().findFirst().map(this::snapshot);
    }

    /** Inserts a new ticket; false if it exists already (a redelivered creation). */
    public boolean insert(TicketSnapshot s) {
        return jdbc.update("""
                INSERT INTO ticket (ticket_id, serial_no, workflow_key, workflow_version, workflow_name, title, creator,
                                    app_id, state_key, state_name, state_type, status, assignment, created_at,
                                    updated_at, version, snapshot)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?::jsonb)
                ON CONFLICT (ticket_id) DO NOTHING
                """, s.ticketId(), s.serialNo(), s.workflowKey(), s.workflowVersion(), s.workflowName(), s.title(),
                s.creator(), s.appId(), s.state().key(), s.state().name(), s.state().type().name(), s.status().name(),
                write(s.assignment()), Timestamp.from(s.createdAt()), Timestamp.from(s.updatedAt()),
                s.version(), write(s)) == 1;
    }

    public void update(TicketSnapshot s) {
        jdbc.update("""
                UPDATE ticket SET state_key = ?, state_name = ?, state_type = ?, status = ?, assignment = ?::jsonb,
                                  updated_at = ?, version = ?, snapshot = ?::jsonb
                WHERE ticket_id = ?
                """, s.state().key(), s.state().name(), s.state().type().name(), s.status().name(),
                write(s.assignment()), Timestamp.from(s.updatedAt()), s.version(), write(s),
                s.ticketId());
    }

    /**
     * Records how {@code users} relate to the ticket (flags only ever turn on), then refreshes every related
     * user's todo flag and copied columns from the snapshot.
     */
    public void relate(TicketSnapshot s, Collection<UserRelation> users) {
        for (UserRelation u : users) {
            jdbc.update("""
                    INSERT INTO ticket_user (username, ticket_id, creator, acted, assigned, created_at, workflow_key,
                                             state_key, status, title, serial_no)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (username, ticket_id) DO UPDATE SET
                        creator = ticket_user.creator OR EXCLUDED.creator,
                        acted = ticket_user.acted OR EXCLUDED.acted,
                        assigned = ticket_user.assigned OR EXCLUDED.assigned
                    """, u.username(), s.ticketId(), u.creator(), u.acted(), u.assigned(),
                    Timestamp.from(s.createdAt()), s.workflowKey(), s.state().key(), s.status().name(), s.title(),
                    s.serialNo());
        }
        boolean open = s.status().open();
        jdbc.update(con -> {
            PreparedStatement ps = con.prepareStatement("""
                    UPDATE ticket_user SET todo = (? AND username = ANY(?)), state_key = ?, status = ?
                    WHERE ticket_id = ?
                    """);
            Array todo = con.createArrayOf("text", s.assignment().users().toArray());
            ps.setBoolean(1, open);
            ps.setArray(2, todo);
            ps.setString(3, s.state().key());
            ps.setString(4, s.status().name());
            ps.setString(5, s.ticketId());
            return ps;
        });
    }

    /** Records the event in the flow log, once. */
    public void log(String ticketId, long seq, String eventId, TicketEvent event) {
        jdbc.update("""
                INSERT INTO flow_log (ticket_id, seq, event_id, event_type, event) VALUES (?, ?, ?, ?, ?::jsonb)
                ON CONFLICT (ticket_id, seq) DO NOTHING
                """, ticketId, seq, eventId, event.getClass().getSimpleName(), write(event));
    }

    /** Empties every projection table, for a rebuild. */
    public void truncate() {
        jdbc.execute("TRUNCATE ticket, ticket_user, flow_log, parked_event");
    }

    private TicketSnapshot snapshot(String text) {
        try {
            return json.readValue(text, TicketSnapshot.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How one user relates to a ticket because of one event. */
    public record UserRelation(String username, boolean creator, boolean acted, boolean assigned) {
    }
}
