package dev.baton.query.list;

import dev.baton.api.app.CallerApp;
import dev.baton.api.ticket.StateRef;
import dev.baton.api.ticket.TicketStatus;
import dev.baton.api.workflow.StateType;
import io.r2dbc.spi.Readable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a list as one keyset-paginated query, newest first. A user's lists walk that user's {@code ticket_user} rows
 * newest first (the todo, cc, worked and related indexes) and look each ticket up by its number, filtering on the
 * ticket's columns; the created and all lists read {@code ticket} directly. Every value a request brings is a bound
 * parameter, never part of the SQL text. The indexes order by created_at alone; tickets
 * created in the same microsecond are put in ticket_id order by an incremental sort over those few rows.
 */
@Repository
public class TicketListQuery {
    private static final String COLUMNS = """
            t.ticket_id, t.serial_no, t.title, t.workflow_key, t.workflow_name, t.state_key, t.state_name,
            t.state_type, t.status, t.creator, t.participants, t.awaiting_accept, t.created_at, t.updated_at, t.version
            """;

    private static final Pattern PARAMETER = Pattern.compile(":([a-zA-Z]+)");

    private final DatabaseClient db;
    private final JdbcTemplate jdbc;
    private final boolean viaJdbc;

    /**
     * @param reads {@code baton.query.list-reads}: {@code jdbc} (default) runs a list on the JDBC pool, on a thread
     *              that may block; {@code r2dbc} runs it through R2DBC (measured in docs/benchmarks.md)
     */
    public TicketListQuery(DatabaseClient db, JdbcTemplate jdbc,
                           @Value("${baton.query.list-reads:jdbc}") String reads) {
        if (!reads.equals("jdbc") && !reads.equals("r2dbc")) {
            throw new IllegalArgumentException("Expected baton.query.list-reads to be jdbc or r2dbc, but got '"
                    + reads + "'");
        }
        this.db = db;
        this.jdbc = jdbc;
        this.viaJdbc = reads.equals("jdbc");
    }

    public Mono<TicketPage> page(ListScope scope, CallerApp app, String user, ListFilter filter) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        String from;
        String order;
        switch (scope) {
            case TODO, RELATED, CC, WORKED -> {
                from = "ticket_user u JOIN ticket t ON t.ticket_no = u.ticket_no";
                order = "u.created_at";
                where.add("u.username = :user");
                params.put("user", user);
                switch (scope) {
                    case TODO -> where.add("u.todo");
                    case CC -> where.add("u.cc");
                    case WORKED -> where.add("u.worked");
                    default -> where.add("(u.creator OR u.acted OR u.assigned)");
                }
            }
            case CREATED -> {
                from = "ticket t";
                order = "t.created_at";
                where.add("t.creator = :user");
                params.put("user", user);
            }
            default -> {
                from = "ticket t";
                order = "t.created_at";
            }
        }
        where.add("t.status <> 'DELETED'");
        if (!app.admin() && !app.workflows().contains("*")) {
            if (app.workflows().isEmpty()) {
                return Mono.just(new TicketPage(List.of(), null));
            }
            where.add("t.workflow_key = ANY(:granted)");
            params.put("granted", app.workflows().toArray(String[]::new));
        }
        if (filter.workflow() != null) {
            where.add("t.workflow_key = :workflow");
            params.put("workflow", filter.workflow());
        }
        if (filter.parent() != null) {
            where.add("t.parent ->> 'ticketId' = :parent");
            params.put("parent", filter.parent());
        }
        if (filter.state() != null) {
            where.add("t.state_key = :state");
            params.put("state", filter.state());
        }
        if (filter.status() != null) {
            where.add("t.status = :status");
            params.put("status", filter.status().name());
        }
        if (filter.createdFrom() != null) {
            where.add(order + " >= :createdFrom");
            params.put("createdFrom", utc(filter.createdFrom()));
        }
        if (filter.createdTo() != null) {
            where.add(order + " < :createdTo");
            params.put("createdTo", utc(filter.createdTo()));
        }
        if (filter.title() != null) {
            where.add("t.title ILIKE :title ESCAPE '\\'");
            params.put("title", "%" + escapeLike(filter.title()) + "%");
        }
        if (filter.serialNo() != null) {
            where.add("t.serial_no LIKE :serialNo ESCAPE '\\'");
            params.put("serialNo", escapeLike(filter.serialNo()) + "%");
        }
        if (filter.cursor() != null) {
            // (created_at, ticket_id) < cursor, written so that the index's created_at bounds the scan
            where.add(order + " <= :cursorAt AND (" + order + " < :cursorAt OR t.ticket_id < :cursorId)");
            params.put("cursorAt", utc(filter.cursor().createdAt()));
            params.put("cursorId", filter.cursor().ticketId());
        }
        String sql = "SELECT " + COLUMNS + " FROM " + from
                + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + " ORDER BY " + order + " DESC, t.ticket_id DESC LIMIT " + (filter.limit() + 1);
        if (viaJdbc) {
            return Mono.fromCallable(() -> page(jdbcRows(sql, params), filter.limit()))
                    .subscribeOn(Schedulers.boundedElastic());
        }
        DatabaseClient.GenericExecuteSpec spec = db.sql(sql);
        for (Map.Entry<String, Object> p : params.entrySet()) {
            spec = spec.bind(p.getKey(), p.getValue());
        }
        return spec.map(this::summary).all().collectList().map(rows -> page(rows, filter.limit()));
    }

    /** The list's rows through JDBC: the named parameters bound by position, text arrays as arrays. */
    private List<TicketSummary> jdbcRows(String sql, Map<String, Object> params) {
        List<Object> values = new ArrayList<>();
        Matcher m = PARAMETER.matcher(sql);
        StringBuilder positional = new StringBuilder();
        while (m.find()) {
            if (!params.containsKey(m.group(1))) {
                throw new IllegalStateException("No value for parameter :" + m.group(1));
            }
            values.add(params.get(m.group(1)));
            m.appendReplacement(positional, "?");
        }
        m.appendTail(positional);
        return jdbc.query(con -> {
            PreparedStatement ps = con.prepareStatement(positional.toString());
            for (int i = 0; i < values.size(); i++) {
                Object value = values.get(i);
                if (value instanceof String[] array) {
                    ps.setArray(i + 1, con.createArrayOf("text", array));
                } else {
                    ps.setObject(i + 1, value);
                }
            }
            return ps;
        }, (rs, n) -> new TicketSummary(rs.getString("ticket_id"), rs.getString("serial_no"), rs.getString("title"),
                rs.getString("workflow_key"), rs.getString("workflow_name"),
                new StateRef(rs.getString("state_key"), rs.getString("state_name"),
                        StateType.valueOf(rs.getString("state_type"))),
                TicketStatus.valueOf(rs.getString("status")), rs.getString("creator"),
                List.of((String[]) rs.getArray("participants").getArray()), rs.getBoolean("awaiting_accept"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant(), rs.getLong("version")));
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
        return new TicketSummary(row.get("ticket_id", String.class), row.get("serial_no", String.class),
                row.get("title", String.class), row.get("workflow_key", String.class),
                row.get("workflow_name", String.class),
                new StateRef(row.get("state_key", String.class), row.get("state_name", String.class),
                        StateType.valueOf(row.get("state_type", String.class))),
                TicketStatus.valueOf(row.get("status", String.class)), row.get("creator", String.class),
                List.of(row.get("participants", String[].class)),
                Boolean.TRUE.equals(row.get("awaiting_accept", Boolean.class)), row.get("created_at", Instant.class),
                row.get("updated_at", Instant.class), row.get("version", Long.class));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
