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

    public ProjectionAdminController(ProjectionRebuilder rebuilder) {
        this.rebuilder = rebuilder;
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
