package dev.baton.query.detail;

import dev.baton.query.consistency.ReadYourWrites;
import dev.baton.support.auth.Caller;
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
public class TicketDetailController {
    private final TicketAccess access;
    private final ReadYourWrites readYourWrites;

    public TicketDetailController(TicketAccess access, ReadYourWrites readYourWrites) {
        this.access = access;
        this.readYourWrites = readYourWrites;
    }

    /** With {@code minVersion}, waits (up to {@code waitMillis}, capped) until the projection holds that version. */
    @GetMapping("/{id}")
    public Mono<TicketDetail> detail(@PathVariable("id") String id,
                                     @RequestParam(name = "minVersion", required = false) String minVersion,
                                     @RequestParam(name = "waitMillis", required = false) String waitMillis,
                                     ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange);
        var expectation = readYourWrites.expectation(id, minVersion, waitMillis);
        return readYourWrites.await(expectation)
                .then(Mono.defer(() -> access.view(caller, id)))
                .map(TicketDetail::of);
    }
}
