package dev.baton.notification.summary;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.api.ticket.Assignment;
import dev.baton.api.ticket.StateRef;
import dev.baton.api.ticket.TicketStatus;
import dev.baton.api.ticket.event.*;
import dev.baton.engine.BatonJson;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code ticket_summary} table: a row per ticket, followed event by event ({@link #follow}). A ticket's events
 * arrive in order on one partition, so one reader updates a row at a time; a redelivered event applies again
 * harmlessly (the same values, sets of names).
 */
@Repository
public class TicketSummaries {
    private static final TypeReference<Map<String, Object>> FIELDS = new TypeReference<>() {
    };
    private static final String COLUMNS = "ticket_id, serial_no, title, workflow_key, workflow_version, workflow_name,"
            + " creator, state_key, state_name, status, fields, assignees, participants, ended";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json = BatonJson.mapper();
    private final RowMapper<TicketSummary> row = this::map;

    public TicketSummaries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<TicketSummary> find(String ticketId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM ticket_summary WHERE ticket_id = ?", row, ticketId).stream()
                .findFirst();
    }

    /** Applies one event to its ticket's summary as it was before (found, or new), keeps and returns it. */
    public TicketSummary follow(TicketSummary before, TicketEvent event, List<String> recipients) {
        TicketSummary after = apply(before, event, recipients);
        save(after);
        return after;
    }

    static TicketSummary apply(TicketSummary s, TicketEvent event, List<String> recipients) {
        Map<String, Object> fields = new LinkedHashMap<>(s.fields());
        String stateKey = s.stateKey();
        String stateName = s.stateName();
        String status = s.status();
        boolean ended = s.ended() || TicketEnd.endedBy(event);
        List<String> assignees = s.assignees();
        Optional<Assignment> assignment = EventFacts.assignmentOf(event);
        if (assignment.isPresent()) {
            assignees = assignment.get().users();
        }
        Optional<StateRef> state = EventFacts.stateAfter(event);
        if (state.isPresent()) {
            stateKey = state.get().key();
            stateName = state.get().name();
        }
        Optional<TicketStatus> newStatus = EventFacts.statusAfter(event);
        if (newStatus.isPresent()) {
            status = newStatus.get().name();
        }
        if (ended) {
            assignees = List.of();
        }
        if (event instanceof TicketHandled e) {
            fields.putAll(e.fields());
        } else if (event instanceof CountersignRecorded e) {
            fields.putAll(e.fields());
        } else if (event instanceof HookAnswered e) {
            fields.putAll(e.fields());
        } else if (event instanceof FieldsPatched e) {
            e.changes().forEach(c -> fields.put(c.field(), c.after()));
        }
        Set<String> participants = new LinkedHashSet<>(s.participants());
        if (s.creator() != null) {
            participants.add(s.creator());
        }
        if (event.actor() != null && !TicketEvent.SYSTEM_ACTOR.equals(event.actor())) {
            participants.add(event.actor());
        }
        participants.addAll(assignees);
        participants.addAll(recipients);
        return new TicketSummary(s.ticketId(), s.serialNo(), s.title(), s.workflowKey(), s.workflowVersion(),
                s.workflowName(), s.creator(), stateKey, stateName, status, fields, assignees,
                List.copyOf(participants), ended);
    }

    private void save(TicketSummary s) {
        String fields;
        try {
            fields = json.writeValueAsString(s.fields());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the fields of ticket " + s.ticketId(), e);
        }
        jdbc.update("""
                INSERT INTO ticket_summary (ticket_id, serial_no, title, workflow_key, workflow_version, workflow_name,
                    creator, state_key, state_name, status, fields, assignees, participants, ended)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)
                ON CONFLICT (ticket_id) DO UPDATE SET state_key = excluded.state_key, state_name = excluded.state_name,
                    status = excluded.status, fields = excluded.fields, assignees = excluded.assignees,
                    participants = excluded.participants, ended = excluded.ended, updated_at = now()""",
                s.ticketId(), s.serialNo(), s.title(), s.workflowKey(), s.workflowVersion(), s.workflowName(),
                s.creator(), s.stateKey(), s.stateName(), s.status(), fields,
                s.assignees().toArray(String[]::new), s.participants().toArray(String[]::new), s.ended());
    }

    private TicketSummary map(ResultSet rs, int n) throws SQLException {
        Map<String, Object> fields;
        try {
            String text = rs.getString("fields");
            fields = text == null ? Map.of() : json.readValue(text, FIELDS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot read the fields of ticket " + rs.getString("ticket_id"), e);
        }
        int version = rs.getInt("workflow_version");
        return new TicketSummary(rs.getString("ticket_id"), rs.getString("serial_no"), rs.getString("title"),
                rs.getString("workflow_key"), rs.wasNull() ? null : version, rs.getString("workflow_name"),
                rs.getString("creator"), rs.getString("state_key"), rs.getString("state_name"),
                rs.getString("status"), fields, strings(rs.getArray("assignees")),
                strings(rs.getArray("participants")), rs.getBoolean("ended"));
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }
}
