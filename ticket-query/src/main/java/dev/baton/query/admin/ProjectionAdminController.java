package dev.baton.query.admin;

import dev.baton.support.auth.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.Map;

/** Operating the projection (admin caller applications only). */
@RestController
@RequestMapping(path = "/admin/projections", produces = MediaType.APPLICATION_JSON_VALUE)
public class ProjectionAdminController {
    private final ProjectionRebuilder rebuilder;
    private final ParkedEventRetries parked;

    public ProjectionAdminController(ProjectionRebuilder rebuilder, ParkedEventRetries parked) {
        this.rebuilder = rebuilder;
        this.parked = parked;
    }

    /** The events parked until an admin retries them (unreadable, or failed every retry), oldest first. */
    @GetMapping("/parked")
    public Mono<java.util.List<dev.baton.query.projection.ParkedEvents.Listed>> parked(
            @org.springframework.web.bind.annotation.RequestParam(defaultValue = "100") int limit,
            ServerWebExchange exchange) {
        Caller.of(exchange).requireAdmin();
        int bounded = Math.max(1, Math.min(limit, 1000));
        return Mono.fromCallable(() -> parked.list(bounded)).subscribeOn(Schedulers.boundedElastic());
    }

    /**
     * Applies a parked event again, once its cause is fixed, with the ticket's events parked behind it: 200 with
     * what happened; 409 {@code retry-failed} (it stays parked, with the new error); 404 for an unknown id.
     */
    @PostMapping("/parked/{id}/retry")
    public Mono<ParkedEventRetries.Outcome> retry(@org.springframework.web.bind.annotation.PathVariable long id,
                                                  ServerWebExchange exchange) {
        Caller.of(exchange).requireAdmin();
        return Mono.fromCallable(() -> parked.retry(id)).subscribeOn(Schedulers.boundedElastic());
    }

    /** Empties the projection and re-consumes the event topic from the beginning; 202 once re-consuming. */
    @PostMapping("/rebuild")
    public Mono<ResponseEntity<Map<String, String>>> rebuild(ServerWebExchange exchange) {
        Caller.of(exchange).requireAdmin();
        return Mono.fromRunnable(rebuilder::rebuild)
                .subscribeOn(Schedulers.boundedElastic())
                .then(Mono.fromSupplier(() -> ResponseEntity.status(HttpStatus.ACCEPTED)
                        .body(Map.of("status", "rebuilding"))));
    }

    /** Whether the listener runs, how many events it is behind and how many are parked. */
    @GetMapping
    public Mono<ProjectionRebuilder.Status> status(ServerWebExchange exchange) {
        Caller.of(exchange).requireAdmin();
        return Mono.fromCallable(rebuilder::status).subscribeOn(Schedulers.boundedElastic());
    }
}
