package dev.baton.command.migration;

import dev.baton.api.error.BatonException;
import dev.baton.api.error.ErrorCode;
import dev.baton.api.ticket.command.MigrateTicket;
import dev.baton.api.workflow.WorkflowDefinition;
import dev.baton.command.web.TicketCommandController;
import dev.baton.engine.Migrations;
import dev.baton.support.auth.Caller;
import dev.baton.support.replica.WorkflowCatalog;
import dev.baton.support.web.Refuses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.List;
import java.util.Map;

/**
 * {@code POST /workflows/{key}/migrations}: moves many open tickets to a newer version at once. The mapping is checked
 * against both versions first; if any state would not land, nothing changes and every problem is listed (422). Then
 * each ticket is migrated by its own command, and the answer says, per ticket, whether it moved or why not (a ticket
 * that ended, or is on another version, meanwhile).
 */
@RestController
@Tag(name = "Workflows")
public class MigrationController {
    private static final int MAX_TICKETS = 1_000;

    private final CommandGateway commands;
    private final WorkflowCatalog catalog;

    public MigrationController(CommandGateway commands, WorkflowCatalog catalog) {
        this.commands = commands;
        this.catalog = catalog;
    }

    /** The request: which tickets, from which version to which, with which state mapping. */
    @Schema(name = "MigrationRequest")
    public record Request(Integer fromVersion, Integer toVersion, Map<String, String> stateMapping,
                          List<String> ticketIds, String reason) {
    }

    /** One ticket's outcome: {@code migrated}, or the refusal's code and message. */
    @Schema(name = "MigrationOutcome")
    public record Outcome(String ticketId, boolean migrated, String code, String message) {
    }

    @Operation(summary = "Move up to 1,000 tickets from one version of the workflow to a newer one; each ticket's "
            + "outcome is listed, and a mapping that cannot carry every state changes nothing")
    @Refuses({ErrorCode.WORKFLOW_NOT_GRANTED, ErrorCode.WORKFLOW_NOT_FOUND, ErrorCode.MIGRATION_NOT_POSSIBLE})
    @PostMapping("/workflows/{key}/migrations")
    public Mono<List<Outcome>> migrateTickets(@PathVariable String key, @RequestBody Request body,
                                       ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange).requireWorkflow(key);
        if (body.fromVersion() == null || body.toVersion() == null || body.toVersion() <= body.fromVersion()) {
            return Mono.error(new BatonException(ErrorCode.INVALID_INPUT,
                    "Expected 'fromVersion' and a newer 'toVersion', but got " + body.fromVersion() + " and "
                            + body.toVersion()));
        }
        for (int i = 0; body.ticketIds() != null && i < body.ticketIds().size(); i++) {
            if (body.ticketIds().get(i) == null) {
                return Mono.error(new BatonException(ErrorCode.INVALID_INPUT,
                        "Expected a ticket id at 'ticketIds[" + i + "]', but got null"));
            }
        }
        if (body.stateMapping() != null && body.stateMapping().containsValue(null)) {
            String state = body.stateMapping().entrySet().stream().filter(e -> e.getValue() == null)
                    .map(Map.Entry::getKey).findFirst().orElseThrow();
            return Mono.error(new BatonException(ErrorCode.INVALID_INPUT,
                    "Expected a state key at 'stateMapping." + state + "', but got null"));
        }
        List<String> ids = body.ticketIds() == null ? List.of() : body.ticketIds();
        if (ids.isEmpty() || ids.size() > MAX_TICKETS) {
            return Mono.error(new BatonException(ErrorCode.INVALID_INPUT,
                    "Expected 1 to " + MAX_TICKETS + " ticket ids, but got " + ids.size()));
        }
        Map<String, String> mapping = body.stateMapping() == null ? Map.of() : body.stateMapping();
        return Mono.fromCallable(() -> {
                    WorkflowDefinition from = catalog.requireVersion(key, body.fromVersion()).definition();
                    WorkflowDefinition to = catalog.requireVersion(key, body.toVersion()).definition();
                    List<String> problems = Migrations.problems(from, to, mapping);
                    if (!problems.isEmpty()) {
                        throw new BatonException(ErrorCode.MIGRATION_NOT_POSSIBLE, "Expected a mapping that carries "
                                + "every state of version " + body.fromVersion() + " to version " + body.toVersion()
                                + ", but " + problems.size() + " do not land; nothing was changed", problems);
                    }
                    return ids;
                })
                .subscribeOn(Schedulers.boundedElastic())
                .flatMapMany(Flux::fromIterable)
                .concatMap(id -> Mono.fromFuture(() -> commands.send(new MigrateTicket(id, caller.user(),
                                caller.app().appId(), body.toVersion(), mapping, body.reason(), null)))
                        .map(result -> new Outcome(id, true, null, null))
                        .onErrorResume(e -> Mono.just(refused(id, TicketCommandController.translate(e)))))
                .collectList();
    }

    private static Outcome refused(String ticketId, Throwable failure) {
        if (failure instanceof BatonException e) {
            return new Outcome(ticketId, false, e.code().slug(), e.getMessage());
        }
        return new Outcome(ticketId, false, "error", String.valueOf(failure.getMessage()));
    }
}
