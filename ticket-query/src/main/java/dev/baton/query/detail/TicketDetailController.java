package dev.baton.query.detail;

import dev.baton.api.error.ErrorCode;
import dev.baton.support.auth.Caller;
import dev.baton.support.web.Refuses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** {@code GET /tickets/{id}}: one ticket with the fields and actions of the acting user. */
@RestController
@RequestMapping(path = "/tickets", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Ticket detail and history",
        description = "One ticket: its detail, its flow log and step bar; several tickets' states at once")
public class TicketDetailController {
    private final TicketAccess access;

    public TicketDetailController(TicketAccess access) {
        this.access = access;
    }

    /**
     * With {@code minVersion}, waits (up to {@code waitMillis}, capped) until the projection holds that version; a
     * ticket the caller may not know of is answered 404 as if unknown ({@link TicketAccess}).
     */
    @Operation(summary = "The ticket as the acting user may see it, with what they may do next; with minVersion, "
            + "once the read side holds that version")
    @Refuses({ErrorCode.TICKET_NOT_FOUND, ErrorCode.NOT_ALLOWED_TO_VIEW, ErrorCode.TICKET_PARKED, ErrorCode.NOT_READY})
    @GetMapping("/{id}")
    public Mono<TicketDetail> detail(@PathVariable("id") String id,
                                     @RequestParam(name = "minVersion", required = false) String minVersion,
                                     @RequestParam(name = "waitMillis", required = false) String waitMillis,
                                     ServerWebExchange exchange) {
        return access.view(Caller.of(exchange), id, minVersion, waitMillis).map(TicketDetail::of);
    }
}
