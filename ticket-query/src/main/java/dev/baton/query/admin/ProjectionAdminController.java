package dev.baton.query.admin;

import dev.baton.api.error.ErrorCode;
import dev.baton.support.auth.Caller;
import dev.baton.support.web.Refuses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
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


/** Operating the projection (admin caller applications only). */
@RestController
@RequestMapping(path = "/admin/projections", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Admin", description = "The read side's projection: its state, its parked events, a rebuild")
public class ProjectionAdminController {
    private final ProjectionRebuilder rebuilder;
    private final ParkedEventRetries parked;

    /** The answer to a rebuild: {@code rebuilding}. */
    public record Rebuilding(String status) {
    }

    public ProjectionAdminController(ProjectionRebuilder rebuilder, ParkedEventRetries parked) {
        this.rebuilder = rebuilder;
        this.parked = parked;
    }

    /** The events parked until an admin retries them (unreadable, or failed every retry), oldest first. */
    @Operation(summary = "The events parked until an admin retries them, oldest first")
    @Refuses(ErrorCode.ADMIN_REQUIRED)
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
    @Operation(summary = "Apply a parked event again, with the ticket's events parked behind it")
    @Refuses({ErrorCode.ADMIN_REQUIRED, ErrorCode.NOT_FOUND, ErrorCode.RETRY_FAILED})
    @PostMapping("/parked/{id}/retry")
    public Mono<ParkedEventRetries.Outcome> retryParkedEvent(@org.springframework.web.bind.annotation.PathVariable long id,
                                                  ServerWebExchange exchange) {
        Caller.of(exchange).requireAdmin();
        return Mono.fromCallable(() -> parked.retry(id)).subscribeOn(Schedulers.boundedElastic());
    }

    /** Empties the projection and re-consumes the event topic from the beginning; 202 once re-consuming. */
    @Operation(summary = "Empty the projection and re-consume the event topic from the beginning")
    @ApiResponse(responseCode = "202", description = "Re-consuming",
            content = @Content(schema = @Schema(implementation = Rebuilding.class)))
    @Refuses(ErrorCode.ADMIN_REQUIRED)
    @PostMapping("/rebuild")
    public Mono<ResponseEntity<Rebuilding>> rebuild(ServerWebExchange exchange) {
        Caller.of(exchange).requireAdmin();
        return Mono.fromRunnable(rebuilder::rebuild)
                .subscribeOn(Schedulers.boundedElastic())
                .then(Mono.fromSupplier(() -> ResponseEntity.status(HttpStatus.ACCEPTED)
                        .body(new Rebuilding("rebuilding"))));
    }

    /** Whether the listener runs, how many events it is behind and how many are parked. */
    @Operation(summary = "Whether the projection's listener runs, how far it is behind and how many events are parked")
    @Refuses(ErrorCode.ADMIN_REQUIRED)
    @GetMapping
    public Mono<ProjectionRebuilder.Status> status(ServerWebExchange exchange) {
        Caller.of(exchange).requireAdmin();
        return Mono.fromCallable(rebuilder::status).subscribeOn(Schedulers.boundedElastic());
    }
}
