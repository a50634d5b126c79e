package dev.baton.query.list;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.api.app.CallerApp;
import dev.baton.api.ticket.Assignment;
import dev.baton.api.ticket.StateRef;
import dev.baton.api.ticket.TicketStatus;
import dev.baton.api.workflow.StateType;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a list as one keyset-paginated query, newest first. A user's lists are read from {@code ticket_user} (its
 * copied columns carry the filters and the order, so the todo and related indexes answer them); the created and
 * all lists read {@code ticket} directly.
 */
@Repository
public class TicketListQuery {
    private static final String COLUMNS = """
            t.ticket_id, t.serial_no, t.title, t.workflow_key, t.workflow_name, t.state_key, t.state_name,
            t.state_type, t.status, t.creator, t.assignment::text AS assignment, t.created_at, t.updated_at, t.version
            """;

    private final DatabaseClient db;
    private final ObjectMapper json;

    public TicketListQuery(DatabaseClient db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    public Mono<TicketPage> page(ListScope scope, CallerApp app, String user, ListFilter filter) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        String from;
        String f;
        switch (scope) {
            case TODO, RELATED -> {
                from = "ticket_user u JOIN ticket t ON t.ticket_id = u.ticket_id";
                f = "u";
                where.add("u.username = :user");
                params.put("user", user);
                if (scope == ListScope.TODO) {
                    where.add("u.todo");
                }
            }
            case CREATED -> {
                from = "ticket t";
                f = "t";
                where.add("t.creator = :user");
                params.put("user", user);
            }
            default -> {
                from = "ticket t";
                f = "t";
            }
        }
        if (!app.admin() && !app.workflows().contains("*")) {
            if (app.workflows().isEmpty()) {
                return Mono.just(new TicketPage(List.of(), null));
            }
            where.add(f + ".workflow_key = ANY(:granted)");
            params.put("granted", app.workflows().toArray(String[]::new));
        }
        if (filter.workflow() != null) {
            where.add(f + ".workflow_key = :workflow");
            params.put("workflow", filter.workflow());
        }
        if (filter.state() != null) {
            where.add(f + ".state_key = :state");
            params.put("state", filter.state());
        }
        if (filter.status() != null) {
            where.add(f + ".status = :status");
            params.put("status", filter.status().name());
        }
        if (filter.createdFrom() != null) {
            where.add(f + ".created_at >= :createdFrom");
            params.put("createdFrom", utc(filter.createdFrom()));
        }
        if (filter.createdTo() != null) {
            where.add(f + ".created_at < :createdTo");
            params.put("createdTo", utc(filter.createdTo()));
        }
        if (filter.title() != null) {
            where.add(f + ".title ILIKE :title ESCAPE '\\'");
            params.put("title", "%" + escapeLike(filter.title()) + "%");
        }
        if (filter.serialNo() != null) {
            where.add(f + ".serial_no LIKE :serialNo ESCAPE '\\'");
            params.put("serialNo", escapeLike(filter.serialNo()) + "%");
        }
        if (filter.cursor() != null) {
            where.add("(" + f + ".created_at, " + f + ".ticket_id) < (:cursorAt, :cursorId)");
            params.put("cursorAt", utc(filter.cursor().createdAt()));
            params.put("cursorId", filter.cursor().ticketId());
        }
        String sql = "SELECT " + COLUMNS + " FROM " + from
                + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + " ORDER BY " + f + ".created_at DESC, " + f + ".ticket_id DESC LIMIT " + (filter.limit() + 1);
        DatabaseClient.GenericExecuteSpec spec = db.sql(sql);
        for (Map.Entry<String, Object> p : params.entrySet()) {
            spec = spec.bind(p.getKey(), p.getValue());
        }
        return spec.map(this::summary).all().collectList().map(rows -> page(rows, filter.limit()));
    }

    private static TicketPage page(List<TicketSummary> rows, int limit) {
        if (rows.size() <= limit) {
            return new TicketPage(rows, null);
        }
        List<TicketSummary> items = rows.subList(0, limit);
        TicketSummary last = items.get(limit - 1);
        return new TicketPage(List.copyOf(items), new Cursor(last.createdAt(), last.ticketId()).encode());
    }

    TicketSummary summary(Readable row) {
        Assignment assignment = assignment(row.get("assignment", String.class));
        return new TicketSummary(row.get("ticket_id", String.class), row.get("serial_no", String.class),
                row.get("title", String.class), row.get("workflow_key", String.class),
                row.get("workflow_name", String.class),
                new StateRef(row.get("state_key", String.class), row.get("state_name", String.class),
                        StateType.valueOf(row.get("state_type", String.class))),
                TicketStatus.valueOf(row.get("status", String.class)), row.get("creator", String.class),
                assignment.users(), assignment.awaitingAccept(), row.get("created_at", Instant.class),
                row.get("updated_at", Instant.class), row.get("version", Long.class));
    }

    private Assignment assignment(String text) {
        try {
            return json.readValue(text, Assignment.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
