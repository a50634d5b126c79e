package dev.baton.command.history;

import dev.baton.api.error.BatonException;
import dev.baton.api.error.ErrorCode;
import dev.baton.api.ticket.Assignment;
import dev.baton.api.ticket.TicketSnapshot;
import dev.baton.api.ticket.event.TicketCreated;
import dev.baton.api.ticket.event.TicketEvent;
import dev.baton.api.workflow.WorkflowDefinition;
import dev.baton.support.auth.Caller;
import dev.baton.support.replica.WorkflowCatalog;
import dev.baton.support.web.Refuses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Time travel: {@code GET /tickets/{id}/as-of?sequence=N} or {@code ?at=<instant>} is the whole ticket as it was
 * right after its event number N, or at that instant, folded from the event store itself (not a projection). Without
 * either, the ticket as it is now. The same access rules as the detail: a caller granted the workflow (for any other
 * caller the ticket does not exist), and where the workflow restricts viewing, a user related to the ticket or an
 * admin.
 */
@RestController
@Tag(name = "Ticket detail and history", description = "A ticket as it was at an earlier point of its history")
public class TicketHistoryController {
    private static final Pattern TICKET_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private final EventStore eventStore;
    private final WorkflowCatalog catalog;

    public TicketHistoryController(EventStore eventStore, WorkflowCatalog catalog) {
        this.eventStore = eventStore;
        this.catalog = catalog;
    }

    /** The ticket right after event {@code sequence}, which happened {@code at}. */
    @Schema(name = "TicketAsOf")
    public record AsOf(String ticketId, long sequence, Instant at, TicketSnapshot ticket) {
    }

    @Operation(summary = "The ticket as it was right after event `sequence`, or at instant `at` (ISO-8601); without "
            + "either, as it is now, read from its events")
    @Refuses({ErrorCode.TICKET_NOT_FOUND, ErrorCode.NOT_ALLOWED_TO_VIEW})
    @GetMapping("/tickets/{id}/as-of")
    public Mono<AsOf> asOf(@PathVariable String id, @RequestParam(required = false) Long sequence,
                           @RequestParam(required = false) String at, ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange);
        if (!TICKET_ID.matcher(id).matches()) {
            return Mono.error(new BatonException(ErrorCode.TICKET_NOT_FOUND, "No ticket with that id"));
        }
        if (sequence != null && at != null) {
            return Mono.error(new BatonException(ErrorCode.INVALID_INPUT,
                    "Expected either 'sequence' or 'at', but got both"));
        }
        if (sequence != null && sequence < 0) {
            return Mono.error(new BatonException(ErrorCode.INVALID_INPUT,
                    "Expected a sequence of at least 0, but got " + sequence));
        }
        return Mono.fromCallable(() -> fold(caller, id, sequence, parse(at))).subscribeOn(Schedulers.boundedElastic());
    }

    private AsOf fold(Caller caller, String id, Long sequence, Instant instant) {
        DomainEventStream events = eventStore.readEvents(id);
        TicketSnapshot ticket = null;
        AsOf result = null;
        Set<String> related = new HashSet<>();
        while (events.hasNext()) {
            DomainEventMessage<?> message = events.next();
            if (!(message.getPayload() instanceof TicketEvent event)) {
                continue;
            }
            ticket = ticket == null ? TicketSnapshot.of((TicketCreated) event)
                    : ticket.apply(event, message.getSequenceNumber());
            related.add(event.actor());
            relate(related, ticket.assignment());
            boolean wanted = (sequence == null || message.getSequenceNumber() <= sequence)
                    && (instant == null || !message.getTimestamp().isAfter(instant));
            if (wanted) {
                result = new AsOf(id, message.getSequenceNumber(), message.getTimestamp(), ticket);
            }
        }
        if (ticket == null || !caller.app().mayUse(ticket.workflowKey())) {
            // a ticket of a workflow the caller is not granted is answered as one that does not exist
            throw new BatonException(ErrorCode.TICKET_NOT_FOUND, "No ticket '" + id + "'");
        }
        WorkflowDefinition definition = catalog.requireVersion(ticket.workflowKey(), ticket.workflowVersion())
                .definition();
        boolean admin = caller.admin() || definition.admins().contains(caller.user());
        if (definition.restrictView() && !admin && !related.contains(caller.user())) {
            throw new BatonException(ErrorCode.NOT_ALLOWED_TO_VIEW,
                    "Expected a user related to the ticket, but '" + caller.user() + "' is not");
        }
        if (sequence != null && sequence > ticket.version()) {
            throw new BatonException(ErrorCode.INVALID_INPUT, "Expected a sequence up to " + ticket.version()
                    + ", but got " + sequence);
        }
        if (result == null) {
            throw new BatonException(ErrorCode.INVALID_INPUT, "Expected an instant at or after the ticket's creation ("
                    + ticket.createdAt() + "), but got " + instant);
        }
        return result;
    }

    private static void relate(Set<String> related, Assignment assignment) {
        related.addAll(assignment.users());
        related.addAll(assignment.done());
        related.addAll(assignment.queue());
        related.addAll(assignment.pool());
    }

    private static Instant parse(String at) {
        if (at == null) {
            return null;
        }
        try {
            return Instant.parse(at);
        } catch (DateTimeParseException e) {
            throw new BatonException(ErrorCode.INVALID_INPUT,
                    "Expected 'at' as an ISO-8601 instant such as 2026-11-22T09:00:00Z, but got '" + at + "'");
        }
    }
}
