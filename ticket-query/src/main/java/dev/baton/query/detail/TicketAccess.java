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
import dev.baton.query.consistency.ReadYourWrites;
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
 * Decides whether the caller may see one ticket: it must exist, the caller application must be granted its workflow,
 * and, unless the user administers it, it must not be deleted; otherwise it is answered as unknown (404
 * ticket-not-found, the same answer whether or not it exists, so an application learns nothing of other workflows'
 * tickets). When the workflow restricts viewing, the user must also be related to it (creator, ever assigned, acted,
 * copied), one of the workflow's admins, a viewer its view permission admits, or act through an admin application
 * (403 not-allowed-to-view). A read that waits for a version ({@code minVersion}) checks the first three before it
 * waits, and the user's own right after (the awaited write may be what relates the user to the ticket).
 */
@Component
public class TicketAccess {
    private final DatabaseClient db;
    private final WorkflowCatalog catalog;
    private final DirectoryReplica directory;
    private final ObjectMapper json;
    private final ReadYourWrites readYourWrites;

    public TicketAccess(DatabaseClient db, WorkflowCatalog catalog, DirectoryReplica directory, ObjectMapper json,
                        ReadYourWrites readYourWrites) {
        this.db = db;
        this.catalog = catalog;
        this.directory = directory;
        this.json = json;
        this.readYourWrites = readYourWrites;
    }

    /**
     * The ticket as the caller may see it; with {@code minVersion}, once the projection holds that version (waiting
     * up to {@code waitMillis}). A ticket the caller may not know of is not waited for visibly: it is answered 404
     * after the whole wait, exactly like a ticket that never comes.
     */
    public Mono<TicketView> view(Caller caller, String ticketId, String minVersion, String waitMillis) {
        var expectation = readYourWrites.expectation(ticketId, minVersion, waitMillis);
        return readYourWrites.await(expectation, id -> known(caller, id), () -> notFound(ticketId))
                .then(Mono.defer(() -> view(caller, ticketId)));
    }

    public Mono<TicketView> view(Caller caller, String ticketId) {
        return ticket(ticketId, caller.user())
                .filter(found -> caller.app().mayUse(found.ticket().workflowKey()))
                .switchIfEmpty(Mono.error(() -> notFound(ticketId)))
                .flatMap(found -> definition(found.ticket().workflowKey(), found.ticket().workflowVersion())
                        .map(definition -> new TicketView(caller, found.ticket(), definition, found.relation())))
                .map(this::requireVisible);
    }

    /**
     * Whether the caller may know the ticket exists: it does, the caller application is granted its workflow, and it
     * is not deleted unless the user administers it.
     */
    public Mono<Boolean> known(Caller caller, String ticketId) {
        return db.sql("SELECT workflow_key, workflow_version, status FROM ticket WHERE ticket_id = :id")
                .bind("id", ticketId)
                .map(row -> new Stored(row.get("workflow_key", String.class), row.get("workflow_version", Integer.class),
                        TicketStatus.valueOf(row.get("status", String.class))))
                .one()
                .flatMap(t -> {
                    if (!caller.app().mayUse(t.workflowKey())) {
                        return Mono.just(false);
                    }
                    if (t.status() != TicketStatus.DELETED || caller.admin()) {
                        return Mono.just(true);
                    }
                    return definition(t.workflowKey(), t.workflowVersion())
                            .map(definition -> definition.admins().contains(caller.user()));
                })
                .defaultIfEmpty(false);
    }

    /** The answer for a ticket that does not exist or that the caller may not know of. */
    public static BatonException notFound(String ticketId) {
        return new BatonException(ErrorCode.TICKET_NOT_FOUND, "Expected a ticket '" + ticketId + "', but there is none");
    }

    private record Stored(String workflowKey, int workflowVersion, TicketStatus status) {
    }

    private record Found(TicketSnapshot ticket, TicketView.Relation relation) {
    }

    private TicketView requireVisible(TicketView view) {
        if (view.ticket().status() == TicketStatus.DELETED && !view.administers()) {
            throw notFound(view.ticket().ticketId());
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

    private Mono<WorkflowDefinition> definition(String workflowKey, int workflowVersion) {
        return Mono.fromCallable(() -> catalog.requireVersion(workflowKey, workflowVersion).definition())
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
