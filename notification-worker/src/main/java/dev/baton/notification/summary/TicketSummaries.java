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
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The {@code ticket_summary} table: a row per ticket, followed event by event ({@link #apply}). The listener reads
 * the summaries of a poll's tickets at once ({@link #findAll}), applies the poll's events in memory and keeps the
 * summaries they changed at once ({@link #saveAll}). A ticket's events arrive in order on one partition, so one reader
 * updates a row at a time; a redelivered event applies again harmlessly (the same values, sets of names).
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

    /** The summaries kept of these tickets, by ticket id (those never seen are missing), read in one statement. */
    public Map<String, TicketSummary> findAll(Collection<String> ticketIds) {
        Map<String, TicketSummary> found = new HashMap<>();
        if (ticketIds.isEmpty()) {
            return found;
        }
        String[] ids = new LinkedHashSet<>(ticketIds).toArray(String[]::new);
        jdbc.query("SELECT " + COLUMNS + " FROM ticket_summary WHERE ticket_id = ANY(?)",
                ps -> ps.setArray(1, ps.getConnection().createArrayOf("text", ids)), row)
                .forEach(s -> found.put(s.ticketId(), s));
        return found;
    }

    /**
     * One event applied to its ticket's summary as it was before (found, or new), {@code recipients} being those the
     * event's notices tell: the summary after it, not yet kept ({@link #saveAll}).
     */
    public static TicketSummary apply(TicketSummary s, TicketEvent event, List<String> recipients) {
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

    /**
     * Keeps these summaries, one per ticket (of several of the same ticket the last), in one statement: a new ticket's
     * row is added whole; a known ticket's row takes the state, status, fields, assignees, participants and end (its
     * creation's title, serial number, workflow and creator stay as first kept). The rows are written in ticket id
     * order, so that writers of overlapping tickets take their row locks in one order.
     * <p>
     * The rows travel as one typed array per column through {@code unnest}; {@code text[]} columns cannot be arrays
     * of arrays of different lengths, so each row's assignees and participants travel as a JSON array (text) and
     * become {@code text[]} again in the statement, in their order. One statement, where a JDBC batch of the
     * single-row upsert would be one per row (and took about as long for 20 rows, ~10 % longer for 200).
     */
    public void saveAll(Collection<TicketSummary> changed) {
        Map<String, TicketSummary> byTicket = new TreeMap<>();
        changed.forEach(s -> byTicket.put(s.ticketId(), s));
        if (byTicket.isEmpty()) {
            return;
        }
        int n = byTicket.size();
        String[] ticketId = new String[n], serialNo = new String[n], title = new String[n], workflowKey = new String[n],
                workflowName = new String[n], creator = new String[n], stateKey = new String[n],
                stateName = new String[n], status = new String[n], fields = new String[n], assignees = new String[n],
                participants = new String[n];
        Integer[] workflowVersion = new Integer[n];
        Boolean[] ended = new Boolean[n];
        int i = 0;
        for (TicketSummary s : byTicket.values()) {
            ticketId[i] = s.ticketId();
            serialNo[i] = s.serialNo();
            title[i] = s.title();
            workflowKey[i] = s.workflowKey();
            workflowVersion[i] = s.workflowVersion();
            workflowName[i] = s.workflowName();
            creator[i] = s.creator();
            stateKey[i] = s.stateKey();
            stateName[i] = s.stateName();
            status[i] = s.status();
            fields[i] = write(s.ticketId(), "fields", s.fields());
            assignees[i] = write(s.ticketId(), "assignees", s.assignees());
            participants[i] = write(s.ticketId(), "participants", s.participants());
            ended[i] = s.ended();
            i++;
        }
        jdbc.update("""
                INSERT INTO ticket_summary (ticket_id, serial_no, title, workflow_key, workflow_version, workflow_name,
                    creator, state_key, state_name, status, fields, assignees, participants, ended)
                SELECT r.ticket_id, r.serial_no, r.title, r.workflow_key, r.workflow_version, r.workflow_name,
                    r.creator, r.state_key, r.state_name, r.status, r.fields::jsonb,
                    ARRAY(SELECT e.name FROM jsonb_array_elements_text(r.assignees::jsonb) WITH ORDINALITY
                        AS e(name, n) ORDER BY e.n),
                    ARRAY(SELECT e.name FROM jsonb_array_elements_text(r.participants::jsonb) WITH ORDINALITY
                        AS e(name, n) ORDER BY e.n),
                    r.ended
                FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::int4[], ?::text[], ?::text[], ?::text[],
                    ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bool[])
                    AS r(ticket_id, serial_no, title, workflow_key, workflow_version, workflow_name, creator, state_key,
                        state_name, status, fields, assignees, participants, ended)
                ON CONFLICT (ticket_id) DO UPDATE SET state_key = excluded.state_key, state_name = excluded.state_name,
                    status = excluded.status, fields = excluded.fields, assignees = excluded.assignees,
                    participants = excluded.participants, ended = excluded.ended, updated_at = now()""",
                ps -> {
                    Connection c = ps.getConnection();
                    Object[][] columns = {ticketId, serialNo, title, workflowKey, null, workflowName, creator,
                            stateKey, stateName, status, fields, assignees, participants, null};
                    for (int column = 0; column < columns.length; column++) {
                        if (columns[column] != null) {
                            ps.setArray(column + 1, c.createArrayOf("text", columns[column]));
                        }
                    }
                    ps.setArray(5, c.createArrayOf("int4", workflowVersion));
                    ps.setArray(14, c.createArrayOf("bool", ended));
                });
    }

    private String write(String ticketId, String what, Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the " + what + " of ticket " + ticketId, e);
        }
    }

    private TicketSummary map(ResultSet rs, int n) throws SQLException {
        Map<String, Object> fields;
        try {
            String text = rs.getString("fields");
            fields = text == null ? Map.of() : json.readValue(text, FIELDS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot read the fields of ticket " + rs.getString("ticket_id"), e);
        }
        return new TicketSummary(rs.getString("ticket_id"), rs.getString("serial_no"), rs.getString("title"),
                rs.getString("workflow_key"), rs.getObject("workflow_version", Integer.class),
                rs.getString("workflow_name"),
                rs.getString("creator"), rs.getString("state_key"), rs.getString("state_name"),
                rs.getString("status"), fields, strings(rs.getArray("assignees")),
                strings(rs.getArray("participants")), rs.getBoolean("ended"));
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }
}
