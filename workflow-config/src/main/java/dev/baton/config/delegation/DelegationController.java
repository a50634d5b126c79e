package dev.baton.config.delegation;

import dev.baton.api.directory.Delegation;
import dev.baton.api.error.ErrorCode;
import dev.baton.config.Blocking;
import dev.baton.support.auth.Caller;
import dev.baton.support.web.Refuses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.util.List;

/** Delegations: any user through their caller application, for themselves; admin applications for anyone. */
@RestController
@RequestMapping("/delegations")
@Tag(name = "Delegations", description = "A user hands their work to another for a time window")
public class DelegationController {
    private final DelegationService delegations;

    public DelegationController(DelegationService delegations) {
        this.delegations = delegations;
    }

    @PostMapping
    @Operation(summary = "Delegate the acting user's work (or, for an admin application, anyone's) for workflows "
            + "the application is granted; all workflows means all it is granted")
    @ApiResponse(responseCode = "201", description = "Delegated; `Location` names it",
            content = @Content(schema = @Schema(implementation = Delegation.class)))
    @Refuses({ErrorCode.ADMIN_REQUIRED, ErrorCode.WORKFLOW_NOT_GRANTED, ErrorCode.WORKFLOW_NOT_FOUND,
            ErrorCode.USER_NOT_FOUND, ErrorCode.DELEGATION_OVERLAPS})
    public Mono<ResponseEntity<Delegation>> createDelegation(@RequestBody DelegationInput input, ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange);
        return Blocking.call(() -> delegations.create(caller, input)).map(d -> ResponseEntity
                .created(URI.create("/delegations/" + d.id())).body(d));
    }

    @GetMapping
    @Operation(summary = "The delegations a user gives or receives that have not ended, within the application's "
            + "grants")
    @Refuses(ErrorCode.ADMIN_REQUIRED)
    public Mono<List<Delegation>> listDelegations(@RequestParam(required = false) String user, ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange);
        return Blocking.call(() -> delegations.of(caller, user));
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Cancel a delegation; work already handed over stays with the delegate")
    @ApiResponse(responseCode = "204", description = "Done")
    @Refuses({ErrorCode.ADMIN_REQUIRED, ErrorCode.NOT_FOUND})
    public Mono<ResponseEntity<Void>> cancelDelegation(@PathVariable String id, ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange);
        return Blocking.run(() -> delegations.cancel(caller, id))
                .thenReturn(ResponseEntity.status(HttpStatus.NO_CONTENT).<Void>build());
    }
}
