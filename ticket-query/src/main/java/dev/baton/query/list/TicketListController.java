package dev.baton.query.list;

import dev.baton.api.error.ErrorCode;
import dev.baton.query.consistency.ReadYourWrites;
import dev.baton.support.auth.Caller;
import dev.baton.support.web.Refuses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The ticket lists of the acting user, newest first with keyset paging. Only tickets of workflows the caller
 * application may use are listed. {@code consistentWith=<ticketId>:<version>} waits until the projection holds that
 * version first; naming a ticket of a workflow the caller may not use, it waits its whole length and answers 503
 * not-ready, exactly as for a ticket that never comes.
 */
@RestController
@RequestMapping(path = "/tickets", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Lists", description = "The acting user's ticket lists, newest first, a page at a time")
public class TicketListController {
    private final TicketListQuery query;
    private final ReadYourWrites readYourWrites;

    public TicketListController(TicketListQuery query, ReadYourWrites readYourWrites) {
        this.query = query;
        this.readYourWrites = readYourWrites;
    }

    @Operation(summary = "The tickets waiting for the acting user: assigned to them, queued for them or in a pool "
            + "they may accept from")
    @Refuses({ErrorCode.TICKET_PARKED, ErrorCode.NOT_READY})
    @GetMapping("/todo")
    public Mono<TicketPage> todo(ServerWebExchange exchange) {
        return list(ListScope.TODO, exchange);
    }

    @Operation(summary = "Every ticket the acting user created, handled, is assigned or was copied on")
    @Refuses({ErrorCode.TICKET_PARKED, ErrorCode.NOT_READY})
    @GetMapping("/related")
    public Mono<TicketPage> related(ServerWebExchange exchange) {
        return list(ListScope.RELATED, exchange);
    }

    @Operation(summary = "The tickets copied to the acting user")
    @Refuses({ErrorCode.TICKET_PARKED, ErrorCode.NOT_READY})
    @GetMapping("/cc")
    public Mono<TicketPage> cc(ServerWebExchange exchange) {
        return list(ListScope.CC, exchange);
    }

    @Operation(summary = "The tickets the acting user has handled")
    @Refuses({ErrorCode.TICKET_PARKED, ErrorCode.NOT_READY})
    @GetMapping("/worked")
    public Mono<TicketPage> worked(ServerWebExchange exchange) {
        return list(ListScope.WORKED, exchange);
    }

    @Operation(summary = "The tickets the acting user created")
    @Refuses({ErrorCode.TICKET_PARKED, ErrorCode.NOT_READY})
    @GetMapping("/created")
    public Mono<TicketPage> created(ServerWebExchange exchange) {
        return list(ListScope.CREATED, exchange);
    }

    @Operation(summary = "Every ticket of the workflows the calling application may use (an admin application)")
    @Refuses({ErrorCode.ADMIN_REQUIRED, ErrorCode.TICKET_PARKED, ErrorCode.NOT_READY})
    @GetMapping("/all")
    public Mono<TicketPage> all(ServerWebExchange exchange) {
        Caller.of(exchange).requireAdmin();
        return list(ListScope.ALL, exchange);
    }

    private Mono<TicketPage> list(ListScope scope, ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange);
        MultiValueMap<String, String> params = exchange.getRequest().getQueryParams();
        ListFilter filter = ListFilter.parse(params);
        var expectation = readYourWrites.consistentWith(params.getFirst("consistentWith"), params.getFirst("waitMillis"));
        return readYourWrites.awaitGranted(expectation, caller.app()::mayUse)
                .then(Mono.defer(() -> query.page(scope, caller.app(), caller.user(), filter)));
    }
}
