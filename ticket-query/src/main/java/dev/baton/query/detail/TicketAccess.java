package dev.baton.query.detail;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.api.error.BatonException;
import dev.baton.api.error.ErrorCode;
import dev.baton.api.ticket.TicketSnapshot;
import dev.baton.api.ticket.TicketStatus;
import dev.baton.api.workflow.ViewPermission;
import dev.baton.engine.Audience;
import dev.baton.support.replica.DirectoryReplica;
import dev.baton.api.workflow.WorkflowDefinition;
import dev.baton.query.projection.TicketRow;
import dev.baton.support.auth.Caller;
import dev.baton.support.replica.WorkflowCatalog;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Instant;
import java.util.List;

/**
 * Decides whether the caller may see one ticket: it must exist and, unless the user administers it, not be deleted
 * (404), the caller application must be granted its
 * workflow (403), and, when the workflow restricts viewing, the user must be related to it (creator, ever assigned,
 * acted, copied), one of the workflow's admins, a viewer its view permission admits, or act through an admin application (403 not-allowed-to-view).
 */
@Component
public class TicketAccess {
    private final DatabaseClient db;
    private final WorkflowCatalog catalog;
    private final DirectoryReplica directory;
    private final ObjectMapper json;

    public TicketAccess(DatabaseClient db, WorkflowCatalog catalog, DirectoryReplica directory, ObjectMapper json) {
        this.db = db;
        this.catalog = catalog;
        this.directory = directory;
        this.json = json;
    }

    public Mono<TicketView> view(Caller caller, String ticketId) {
        return ticket(ticketId, caller.user())
                .switchIfEmpty(Mono.error(() -> new BatonException(ErrorCode.TICKET_NOT_FOUND,
                        "Expected a ticket '" + ticketId + "', but there is none")))
                .flatMap(found -> {
                    caller.requireWorkflow(found.ticket().workflowKey());
                    return definition(found.ticket())
                            .map(definition -> new TicketView(caller, found.ticket(), definition, found.relation()));
                })
                .map(this::requireVisible);
    }

    private record Found(TicketSnapshot ticket, TicketView.Relation relation) {
    }

    private TicketView requireVisible(TicketView view) {
        if (view.ticket().status() == TicketStatus.DELETED && !view.administers()) {
            throw new BatonException(ErrorCode.TICKET_NOT_FOUND,
                    "Expected a ticket '" + view.ticket().ticketId() + "', but there is none");
        }
        if (view.viewerOnly() && !admittedViewer(view)) {
            throw new BatonException(ErrorCode.NOT_ALLOWED_TO_VIEW, "Expected user '" + view.user()
                    + "' to be related to ticket " + view.ticket().ticketId() + " or an admin of workflow '"
                    + view.ticket().workflowKey() + "', which restricts viewing, but they are neither");
        }
        return view;
    }

    private boolean admittedViewer(TicketView view) {
        ViewPermission viewers = view.definition().viewPermission();
        return viewers != null && Audience.includes(viewers.users(), viewers.departments(), viewers.roles(),
                view.user(), directory.view());
    }

    /** The ticket and how the user relates to it, in one query. */
    private Mono<Found> ticket(String ticketId, String user) {
        return db.sql("SELECT " + TicketRow.COLUMNS + """
                        , u.creator AS is_creator, u.acted AS has_acted, u.assigned AS was_assigned, u.cc AS is_copied
                        FROM ticket t
                        LEFT JOIN ticket_user u
                               ON u.username = :user AND u.created_at = t.created_at AND u.ticket_no = t.ticket_no
                        WHERE t.ticket_id = :id
                        """)
                .bind("id", ticketId)
                .bind("user", user)
                .map(row -> new Found(TicketRow.snapshot(columns(row), json),
                        new TicketView.Relation(Boolean.TRUE.equals(row.get("is_creator", Boolean.class)),
                                Boolean.TRUE.equals(row.get("has_acted", Boolean.class)),
                                Boolean.TRUE.equals(row.get("was_assigned", Boolean.class)),
                                Boolean.TRUE.equals(row.get("is_copied", Boolean.class)))))
                .one();
    }

    private Mono<WorkflowDefinition> definition(TicketSnapshot ticket) {
        return Mono.fromCallable(() -> catalog.requireVersion(ticket.workflowKey(), ticket.workflowVersion()).definition())
                .subscribeOn(Schedulers.boundedElastic());
    }

    private static TicketRow.Columns columns(Readable row) {
        return new TicketRow.Columns() {
            @Override
            public String text(String column) {
                return row.get(column, String.class);
            }

            @Override
            public long number(String column) {
                Long n = row.get(column, Long.class);
                return n == null ? 0 : n.longValue();
            }

            @Override
            public boolean flag(String column) {
                return Boolean.TRUE.equals(row.get(column, Boolean.class));
            }

            @Override
            public Instant instant(String column) {
                return row.get(column, Instant.class);
            }

            @Override
            public List<String> texts(String column) {
                String[] values = row.get(column, String[].class);
                return values == null ? List.of() : List.of(values);
            }
        };
    }
}
