package dev.baton.query.projection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.api.ticket.Assignment;
import dev.baton.api.ticket.ChildRef;
import dev.baton.api.ticket.ParentRef;
import dev.baton.api.ticket.StateRef;
import dev.baton.api.ticket.TicketSnapshot;
import dev.baton.api.ticket.TicketStatus;
import dev.baton.api.workflow.Distribution;
import dev.baton.api.workflow.StateType;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * The {@code ticket} row as the whole ticket: the projection writes a {@link TicketSnapshot} into its columns and the
 * projection and the detail view read it back from them, through JDBC or R2DBC alike.
 */
public final class TicketRow {
    /** The columns {@link #snapshot} reads, of a {@code ticket} aliased {@code t}. */
    public static final String COLUMNS = """
            t.ticket_id, t.serial_no, t.workflow_key, t.workflow_version, t.workflow_name, t.title, t.creator, t.app_id,
            t.state_key, t.state_name, t.state_type, t.status, t.distribution, t.participants, t.awaiting_accept,
            t.done, t.sign_requested_by, t.queue, t.pool, t.on_behalf_of::text AS on_behalf_of,
            t.parent::text AS parent, t.children::text AS children,
            t.fields::text AS fields, t.created_at, t.created_at_nanos, t.updated_at, t.updated_at_nanos, t.version""";

    private static final TypeReference<Map<String, Object>> FIELDS = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, String>> DELEGATIONS = new TypeReference<>() {
    };
    private static final TypeReference<ParentRef> PARENT = new TypeReference<>() {
    };
    private static final TypeReference<List<ChildRef>> CHILDREN = new TypeReference<>() {
    };

    private TicketRow() {
    }

    /** One row's values by column name, whichever driver read it. */
    public interface Columns {
        String text(String column);

        long number(String column);

        boolean flag(String column);

        /** A {@code timestamptz}. */
        Instant instant(String column);

        /** A {@code text[]}; empty for NULL. */
        List<String> texts(String column);
    }

    public static TicketSnapshot snapshot(Columns row, ObjectMapper json) {
        String appId = row.text("app_id");
        return new TicketSnapshot(row.text("ticket_id"), row.text("serial_no"), row.text("workflow_key"),
                (int) row.number("workflow_version"), row.text("workflow_name"), row.text("title"),
                row.text("creator"), appId,
                row.instant("created_at").plusNanos(row.number("created_at_nanos")),
                row.instant("updated_at").plusNanos(row.number("updated_at_nanos")),
                new StateRef(row.text("state_key"), row.text("state_name"), StateType.valueOf(row.text("state_type"))),
                TicketStatus.valueOf(row.text("status")), fields(row.text("fields"), json),
                new Assignment(Distribution.valueOf(row.text("distribution")), row.texts("participants"),
                        row.flag("awaiting_accept"), row.texts("done"), row.text("sign_requested_by"),
                        row.texts("queue"), row.texts("pool"), delegations(row.text("on_behalf_of"), json)),
                row.number("version"), read(row.text("parent"), PARENT, null, json),
                read(row.text("children"), CHILDREN, List.of(), json));
    }

    /** An instant as a {@code timestamptz} column holds it: rounded half up to microseconds, as the driver would. */
    static Instant micros(Instant exact) {
        return exact.plusNanos(500).truncatedTo(ChronoUnit.MICROS);
    }

    /** What {@link #micros} leaves off, for the {@code *_nanos} column: -500..499. */
    static int nanosBeyondMicros(Instant exact) {
        return (int) ChronoUnit.NANOS.between(micros(exact), exact);
    }

    private static <T> T read(String text, TypeReference<T> type, T none, ObjectMapper json) {
        if (text == null) {
            return none;
        }
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Expected JSON of " + type.getType() + ", but got " + text, e);
        }
    }

    private static Map<String, String> delegations(String text, ObjectMapper json) {
        if (text == null) {
            return Map.of();
        }
        try {
            return json.readValue(text, DELEGATIONS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Expected on_behalf_of to hold a JSON object, but it does not", e);
        }
    }

    private static Map<String, Object> fields(String text, ObjectMapper json) {
        try {
            return json.readValue(text, FIELDS);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
