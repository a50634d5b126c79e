package dev.baton.notification.delivery;

import dev.baton.api.error.BatonException;
import dev.baton.api.error.ErrorCode;
import dev.baton.notification.IdShapes;
import dev.baton.notification.summary.TicketSummaries;
import dev.baton.notification.summary.TicketSummary;
import dev.baton.support.auth.Caller;
import dev.baton.support.replica.WorkflowCatalog;
import dev.baton.support.web.Refuses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The notification role's HTTP side.
 * <ul>
 *   <li>{@code GET /tickets/{ticketId}/deliveries}: a ticket's delivery log, for admin caller applications, and
 *       through an application granted the ticket's workflow, for the workflow's admins and the ticket's
 *       participants (its creator, actors, assignees and recipients). 404 {@code ticket-not-found} for a ticket
 *       this worker has no record of and, alike, for one of a workflow the application is not granted (or whose
 *       workflow this worker never learnt); 403 for another user;</li>
 *   <li>{@code GET /deliveries?ticketId=}: the same log, for admin caller applications;</li>
 *   <li>{@code GET /deliveries/dead} and {@code POST /deliveries/{id}/retry}: the dead deliveries, and sending one
 *       again from its first attempt (admin caller applications; 404 unknown, 409 not dead).</li>
 * </ul>
 */
@RestController
@Tag(name = "Deliveries", description = "The notifications sent about tickets, and those that failed for good")
public class DeliveryController {
    private final DeliveryRepository deliveries;
    private final TicketSummaries summaries;
    private final WorkflowCatalog catalog;
    private final DeliverySender sender;
    private final Clock clock;

    public DeliveryController(DeliveryRepository deliveries, TicketSummaries summaries, WorkflowCatalog catalog,
                              DeliverySender sender, Clock clock) {
        this.deliveries = deliveries;
        this.summaries = summaries;
        this.catalog = catalog;
        this.sender = sender;
        this.clock = clock;
    }

    @Operation(summary = "The notifications sent about a ticket, to its participants or an admin")
    @Refuses({ErrorCode.TICKET_NOT_FOUND, ErrorCode.NOT_ALLOWED_TO_VIEW})
    @GetMapping("/tickets/{ticketId}/deliveries")
    public Mono<List<Delivery>> ticketDeliveries(@PathVariable String ticketId, ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange);
        if (!IdShapes.plausible(ticketId)) {
            throw unknownTicket(ticketId);
        }
        return blocking(() -> {
            if (!caller.admin()) {
                // a ticket of a workflow the application is not granted is answered like an unknown one
                TicketSummary ticket = summaries.find(ticketId)
                        .filter(t -> t.workflowKey() != null && caller.app().mayUse(t.workflowKey()))
                        .orElseThrow(() -> unknownTicket(ticketId));
                if (caller.user() == null || !mayRead(ticket, caller.user())) {
                    throw new BatonException(ErrorCode.NOT_ALLOWED_TO_VIEW, "Expected a participant or an admin of "
                            + "ticket '" + ticketId + "', but '" + caller.user() + "' is neither");
                }
            }
            return deliveries.forTicket(ticketId);
        });
    }

    @Operation(summary = "The notifications sent about a ticket (an admin application)")
    @Refuses(ErrorCode.ADMIN_REQUIRED)
    @GetMapping("/deliveries")
    public Mono<List<Delivery>> forTicket(@RequestParam String ticketId, ServerWebExchange exchange) {
        Caller.of(exchange).requireAdmin();
        if (!IdShapes.plausible(ticketId)) {
            return Mono.just(List.of());
        }
        return blocking(() -> deliveries.forTicket(ticketId));
    }

    @Operation(summary = "The notifications that failed every attempt, newest first")
    @Refuses(ErrorCode.ADMIN_REQUIRED)
    @GetMapping("/deliveries/dead")
    public Mono<List<Delivery>> deadDeliveries(@RequestParam(defaultValue = "100") int limit, ServerWebExchange exchange) {
        Caller.of(exchange).requireAdmin();
        if (limit < 1 || limit > 1000) {
            throw new BatonException(ErrorCode.INVALID_INPUT, "Expected a limit of 1 to 1000, but got " + limit);
        }
        return blocking(() -> deliveries.dead(limit));
    }

    @Operation(summary = "Send a dead notification again")
    @ApiResponse(responseCode = "202", description = "Queued again",
            content = @Content(schema = @Schema(implementation = Delivery.class)))
    @Refuses({ErrorCode.ADMIN_REQUIRED, ErrorCode.NOT_FOUND, ErrorCode.WRONG_STATE})
    @PostMapping("/deliveries/{deliveryId}/retry")
    public Mono<ResponseEntity<Delivery>> retryDelivery(@PathVariable String deliveryId, ServerWebExchange exchange) {
        Caller.of(exchange).requireAdmin();
        if (!IdShapes.plausible(deliveryId)) {
            throw unknownDelivery(deliveryId);
        }
        return blocking(() -> {
            Delivery delivery = deliveries.find(deliveryId).orElseThrow(() -> unknownDelivery(deliveryId));
            if (!deliveries.revive(deliveryId, clock.instant())) {
                throw new BatonException(ErrorCode.WRONG_STATE, "Expected a dead delivery to retry, but '"
                        + deliveryId + "' is " + delivery.status());
            }
            sender.wake();
            return ResponseEntity.accepted().body(deliveries.find(deliveryId).orElseThrow());
        });
    }

    private static BatonException unknownTicket(String ticketId) {
        return new BatonException(ErrorCode.TICKET_NOT_FOUND, "Expected a ticket '" + ticketId
                + "' this worker has notified about, but it knows none");
    }

    private static BatonException unknownDelivery(String deliveryId) {
        return new BatonException(ErrorCode.NOT_FOUND, "Expected a delivery '" + deliveryId + "', but there is none");
    }

    private boolean mayRead(TicketSummary ticket, String user) {
        if (ticket.participants().contains(user) || user.equals(ticket.creator())) {
            return true;
        }
        if (ticket.workflowKey() == null || ticket.workflowVersion() == null) {
            return false;
        }
        return catalog.version(ticket.workflowKey(), ticket.workflowVersion())
                .map(w -> w.definition().admins().contains(user)).orElse(false);
    }

    private static <T> Mono<T> blocking(Callable<T> work) {
        return Mono.fromCallable(work).subscribeOn(Schedulers.boundedElastic());
    }
}
