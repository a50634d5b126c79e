package dev.baton.command.dryrun;

import dev.baton.api.error.BatonException;
import dev.baton.api.error.ErrorCode;
import dev.baton.api.workflow.PublishedWorkflow;
import dev.baton.engine.DirectoryView;
import dev.baton.engine.DryRun;
import dev.baton.engine.FieldValues;
import dev.baton.support.auth.Caller;
import dev.baton.support.replica.WorkflowCatalog;
import dev.baton.support.web.Refuses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /workflows/{key}/dry-run}: the path a ticket would take and who would handle each state, for a
 * creator (the acting user by default) and field values, on the latest or a given version, from the same replicas
 * ticket-command decides with. Nothing is created.
 */
@RestController
@Tag(name = "Workflows")
public class DryRunController {
    private final WorkflowCatalog catalog;
    private final DirectoryView directory;

    public DryRunController(WorkflowCatalog catalog, DirectoryView directory) {
        this.catalog = catalog;
        this.directory = directory;
    }

    /** The request; every part is optional. */
    @Schema(name = "DryRunRequest")
    public record Request(Integer version, String creator, Map<String, Object> fields) {
    }

    @Operation(summary = "The path a ticket with these field values would take through the workflow, and who would "
            + "handle each step; nothing is created")
    @Refuses({ErrorCode.WORKFLOW_NOT_GRANTED, ErrorCode.WORKFLOW_NOT_FOUND, ErrorCode.INVALID_FIELD_VALUE,
            ErrorCode.UNKNOWN_FIELD, ErrorCode.USER_NOT_FOUND})
    @PostMapping("/workflows/{key}/dry-run")
    public Mono<DryRun.Path> dryRun(@PathVariable String key, @RequestBody(required = false) Request body,
                                    ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange).requireWorkflow(key);
        Request request = body == null ? new Request(null, null, null) : body;
        String creator = request.creator() == null || request.creator().isBlank() ? caller.user() : request.creator();
        if (request.version() != null && request.version() < 1) {
            return Mono.error(new BatonException(ErrorCode.INVALID_INPUT,
                    "Expected a version of at least 1, but got " + request.version()));
        }
        return Mono.fromCallable(() -> {
            PublishedWorkflow workflow = request.version() == null ? catalog.requireLatest(key)
                    : catalog.requireVersion(key, request.version());
            Map<String, Object> fields = new LinkedHashMap<>();
            // a null value is no value, as on a create
            FieldValues.validate(workflow.definition(), request.fields(), directory).forEach((k, v) -> {
                if (v != null) {
                    fields.put(k, v);
                }
            });
            return DryRun.walk(workflow.key(), workflow.version(), workflow.definition(), creator, fields, directory);
        }).subscribeOn(Schedulers.boundedElastic());
    }
}
