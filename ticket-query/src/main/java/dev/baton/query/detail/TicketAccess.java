package dev.baton.query.detail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.api.error.BatonException;
import dev.baton.api.error.ErrorCode;
import dev.baton.api.ticket.TicketSnapshot;
import dev.baton.api.workflow.WorkflowDefinition;
import dev.baton.support.auth.Caller;
import dev.baton.support.replica.WorkflowCatalog;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.io.UncheckedIOException;

/**
 * Decides whether the caller may see one ticket: it must exist (404), the caller application must be granted its
 * workflow (403), and, when the workflow restricts viewing, the user must be related to it (creator, ever assigned,
 * acted), one of the workflow's admins, or act through an admin application (403 not-allowed-to-view).
 */
@Component
public class TicketAccess {
    private final DatabaseClient db;
    private final WorkflowCatalog catalog;
    private final ObjectMapper json;

    public TicketAccess(DatabaseClient db, WorkflowCatalog catalog, ObjectMapper json) {
        this.db = db;
        this.catalog = catalog;
        this.json = json;
    }

    public Mono<TicketView> view(Caller caller, String ticketId) {
        return snapshot(ticketId)
                .switchIfEmpty(Mono.error(() -> new BatonException(ErrorCode.TICKET_NOT_FOUND,
                        "Expected a ticket '" + ticketId + "', but there is none")))
                .flatMap(ticket -> {
                    caller.requireWorkflow(ticket.workflowKey());
                    return Mono.zip(definition(ticket), relation(ticketId, caller.user()))
                            .map(t -> new TicketView(caller, ticket, t.getT1(), t.getT2()));
                })
                .map(TicketAccess::requireVisible);
    }

    private static TicketView requireVisible(TicketView view) {
        if (view.definition().restrictView() && !view.relation().any() && !view.administers()) {
            throw new BatonException(ErrorCode.NOT_ALLOWED_TO_VIEW, "Expected user '" + view.user()
                    + "' to be related to ticket " + view.ticket().ticketId() + " or an admin of workflow '"
                    + view.ticket().workflowKey() + "', which restricts viewing, but they are neither");
        }
        return view;
    }

    private Mono<TicketSnapshot> snapshot(String ticketId) {
        return db.sql("SELECT snapshot::text AS snapshot FROM ticket WHERE ticket_id = :id")
                .bind("id", ticketId)
                .map(row -> row.get("snapshot", String.class))
                .one()
                .map(this::read);
    }

    private Mono<WorkflowDefinition> definition(TicketSnapshot ticket) {
        return Mono.fromCallable(() -> catalog.requireVersion(ticket.workflowKey(), ticket.workflowVersion()).definition())
                .subscribeOn(Schedulers.boundedElastic());
    }

    private Mono<TicketView.Relation> relation(String ticketId, String user) {
        return db.sql("SELECT creator, acted, assigned FROM ticket_user WHERE username = :user AND ticket_id = :id")
                .bind("user", user)
                .bind("id", ticketId)
                .map(row -> new TicketView.Relation(Boolean.TRUE.equals(row.get("creator", Boolean.class)),
                        Boolean.TRUE.equals(row.get("acted", Boolean.class)),
                        Boolean.TRUE.equals(row.get("assigned", Boolean.class))))
                .one()
                .defaultIfEmpty(TicketView.Relation.NONE);
    }

    private TicketSnapshot read(String text) {
        try {
            return json.readValue(text, TicketSnapshot.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
