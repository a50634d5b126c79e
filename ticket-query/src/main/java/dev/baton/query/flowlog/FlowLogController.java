package dev.baton.query.flowlog;

import dev.baton.api.error.ErrorCode;
import dev.baton.query.detail.TicketAccess;
import dev.baton.support.auth.Caller;
import dev.baton.support.web.Refuses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Set;

/**
 * A ticket's history: the flow log and the step bar. Whoever may see the ticket's detail may see these. Like the
 * detail, both take {@code minVersion} (and {@code waitMillis}) to read a write just made.
 */
@RestController
@RequestMapping(path = "/tickets", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Ticket detail and history")
public class FlowLogController {
    private final TicketAccess access;
    private final FlowLogReader reader;

    public FlowLogController(TicketAccess access, FlowLogReader reader) {
        this.access = access;
        this.reader = reader;
    }

    /** The answer of {@code GET /tickets/{id}/flow-log}. */
    @Schema(name = "FlowLog")
    public record FlowLog(String ticketId, List<FlowLogItem> entries) {
    }

    @Operation(summary = "Everything that happened to the ticket, oldest first")
    @Refuses({ErrorCode.TICKET_NOT_FOUND, ErrorCode.NOT_ALLOWED_TO_VIEW, ErrorCode.TICKET_PARKED, ErrorCode.NOT_READY})
    @GetMapping("/{id}/flow-log")
    public Mono<FlowLog> flowLog(@PathVariable("id") String id,
                                 @RequestParam(name = "minVersion", required = false) String minVersion,
                                 @RequestParam(name = "waitMillis", required = false) String waitMillis,
                                 ServerWebExchange exchange) {
        return access.view(Caller.of(exchange), id, minVersion, waitMillis)
                .flatMap(view -> reader.entries(id).collectList().map(entries -> new FlowLog(id, view.viewerOnly()
                        ? restricted(entries, Set.copyOf(view.definition().viewPermission().fields())) : entries)));
    }

    private static List<FlowLogItem> restricted(List<FlowLogItem> entries, Set<String> visible) {
        return entries.stream().map(e -> e.restrictedTo(visible)).toList();
    }

    @Operation(summary = "The step bar: the states the ticket went through, the one it is in, and those likely next")
    @Refuses({ErrorCode.TICKET_NOT_FOUND, ErrorCode.NOT_ALLOWED_TO_VIEW, ErrorCode.TICKET_PARKED, ErrorCode.NOT_READY})
    @GetMapping("/{id}/steps")
    public Mono<StepBar> steps(@PathVariable("id") String id,
                               @RequestParam(name = "minVersion", required = false) String minVersion,
                               @RequestParam(name = "waitMillis", required = false) String waitMillis,
                               ServerWebExchange exchange) {
        return access.view(Caller.of(exchange), id, minVersion, waitMillis)
                .flatMap(view -> reader.entries(id).collectList()
                        .map(entries -> StepBar.of(id, view.ticket().state().key(), view.definition(), entries)));
    }
}
