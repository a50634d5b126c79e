package dev.baton.query.detail;

import dev.baton.api.error.BatonException;
import dev.baton.api.error.ErrorCode;
import dev.baton.api.ticket.StateRef;
import dev.baton.api.ticket.TicketStatus;
import dev.baton.api.workflow.StateType;
import dev.baton.support.auth.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /tickets/states?ids=a,b,c}: the state, status and version of up to 100 tickets at once, for callers
 * that show Baton's state next to their own records. Unknown tickets and tickets of workflows the caller may not
 * use are left out.
 */
@RestController
@RequestMapping(path = "/tickets", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Ticket detail and history")
public class TicketStatesController {
    public static final int MAX_IDS = 100;

    private final DatabaseClient db;

    public TicketStatesController(DatabaseClient db) {
        this.db = db;
    }

    /** One ticket's entry in the answer. */
    public record TicketState(StateRef state, TicketStatus status, long version) {
    }

    @Operation(summary = "The state, status and version of up to 100 tickets (ids=a,b,c), by ticket id; a ticket the "
            + "calling application may not see is left out")
    @GetMapping("/states")
    public Mono<Map<String, TicketState>> states(@RequestParam(name = "ids", required = false) String ids,
                                                 ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange);
        List<String> wanted = ids == null ? List.of()
                : Arrays.stream(ids.split(",")).map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
        if (wanted.isEmpty()) {
            throw new BatonException(ErrorCode.INVALID_INPUT, "Expected ids=<ticketId>,… with at least one id, but got none");
        }
        if (wanted.size() > MAX_IDS) {
            throw new BatonException(ErrorCode.INVALID_INPUT,
                    "Expected at most " + MAX_IDS + " ids, but got " + wanted.size());
        }
        return db.sql("""
                        SELECT ticket_id, workflow_key, state_key, state_name, state_type, status, version
                        FROM ticket WHERE ticket_id = ANY(:ids)
                        """)
                .bind("ids", wanted.toArray(String[]::new))
                .map(row -> Map.entry(row.get("workflow_key", String.class), Map.entry(row.get("ticket_id", String.class),
                        new TicketState(new StateRef(row.get("state_key", String.class), row.get("state_name", String.class),
                                StateType.valueOf(row.get("state_type", String.class))),
                                TicketStatus.valueOf(row.get("status", String.class)), row.get("version", Long.class)))))
                .all()
                .filter(e -> caller.app().mayUse(e.getKey()))
                .collectList()
                .map(rows -> {
                    Map<String, TicketState> answer = new LinkedHashMap<>();
                    wanted.forEach(id -> rows.stream().filter(r -> r.getValue().getKey().equals(id)).findFirst()
                            .ifPresent(r -> answer.put(id, r.getValue().getValue())));
                    return answer;
                });
    }
}
