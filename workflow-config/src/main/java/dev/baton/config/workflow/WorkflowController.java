package dev.baton.config.workflow;

import dev.baton.api.error.ErrorCode;
import dev.baton.api.workflow.PublishedWorkflow;
import dev.baton.api.workflow.WorkflowDefinition;
import dev.baton.config.Blocking;
import dev.baton.config.Upserted;
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
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.List;

/** The workflow API: drafts, publishing, versions, export and import (admin callers, except the list). */
@RestController
@RequestMapping("/workflows")
@Tag(name = "Workflows", description = "Workflow drafts, published versions, export and import")
public class WorkflowController {
    private final WorkflowService workflows;

    public WorkflowController(WorkflowService workflows) {
        this.workflows = workflows;
    }

    @GetMapping
    @Operation(summary = "List the workflows the calling application may use")
    public Mono<List<WorkflowSummary>> listWorkflows(ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange);
        return Blocking.call(() -> workflows.list(caller.app()));
    }

    @PutMapping("/{key}/draft")
    @Operation(summary = "Save the draft of a workflow (checked only for its key)")
    @ApiResponse(responseCode = "200", description = "Replaced the draft",
            content = @Content(schema = @Schema(implementation = WorkflowDraft.class)))
    @ApiResponse(responseCode = "201", description = "Created the draft",
            content = @Content(schema = @Schema(implementation = WorkflowDraft.class)))
    @Refuses(ErrorCode.ADMIN_REQUIRED)
    public Mono<ResponseEntity<WorkflowDraft>> saveDraft(@PathVariable String key,
                                                         @RequestBody WorkflowDefinition definition,
                                                         ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange).requireAdmin();
        return Blocking.call(() -> {
            Upserted<WorkflowDraft> saved = workflows.saveDraft(key, definition, caller.user());
            return ResponseEntity.status(saved.created() ? HttpStatus.CREATED : HttpStatus.OK).body(saved.value());
        });
    }

    @Operation(summary = "The draft of a workflow")
    @Refuses({ErrorCode.ADMIN_REQUIRED, ErrorCode.NOT_FOUND})
    @GetMapping("/{key}/draft")
    public Mono<WorkflowDraft> draft(@PathVariable String key, ServerWebExchange exchange) {
        Caller.of(exchange).requireAdmin();
        return Blocking.call(() -> workflows.draft(key));
    }

    @Operation(summary = "Discard the draft of a workflow")
    @ApiResponse(responseCode = "204", description = "Done")
    @Refuses({ErrorCode.ADMIN_REQUIRED, ErrorCode.NOT_FOUND})
    @DeleteMapping("/{key}/draft")
    public Mono<ResponseEntity<Void>> deleteDraft(@PathVariable String key, ServerWebExchange exchange) {
        Caller.of(exchange).requireAdmin();
        return Blocking.run(() -> workflows.deleteDraft(key)).thenReturn(ResponseEntity.noContent().<Void>build());
    }

    @PostMapping("/{key}/publish")
    @Operation(summary = "Validate the draft and publish it as the next version (the draft is consumed)")
    @ApiResponse(responseCode = "201", description = "Published",
            content = @Content(schema = @Schema(implementation = PublishedWorkflow.class)))
    @Refuses({ErrorCode.ADMIN_REQUIRED, ErrorCode.NOT_FOUND, ErrorCode.INVALID_DEFINITION})
    public Mono<ResponseEntity<PublishedWorkflow>> publish(@PathVariable String key, ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange).requireAdmin();
        return Blocking.call(() -> ResponseEntity.status(HttpStatus.CREATED).body(workflows.publish(key, caller.user())));
    }

    @PostMapping("/validation")
    @Operation(summary = "Check a definition as publishing would, without saving it: every problem, each with the "
            + "state, transition or field it concerns (for a designer to show it there)")
    @Refuses(ErrorCode.ADMIN_REQUIRED)
    public Mono<DefinitionCheck> validate(@RequestBody WorkflowDefinition definition, ServerWebExchange exchange) {
        Caller.of(exchange).requireAdmin();
        return Blocking.call(() -> workflows.check(definition));
    }

    @Operation(summary = "The published versions of a workflow, oldest first")
    @Refuses({ErrorCode.ADMIN_REQUIRED, ErrorCode.WORKFLOW_NOT_FOUND})
    @GetMapping("/{key}/versions")
    public Mono<List<VersionInfo>> versions(@PathVariable String key, ServerWebExchange exchange) {
        Caller.of(exchange).requireAdmin();
        return Blocking.call(() -> workflows.versions(key));
    }

    @Operation(summary = "One published version of a workflow")
    @Refuses({ErrorCode.ADMIN_REQUIRED, ErrorCode.WORKFLOW_NOT_FOUND})
    @GetMapping("/{key}/versions/{version}")
    public Mono<PublishedWorkflow> version(@PathVariable String key, @PathVariable String version,
                                           ServerWebExchange exchange) {
        Caller.of(exchange).requireAdmin();
        int number = WorkflowService.parseVersion(version);
        return Blocking.call(() -> workflows.version(key, number));
    }

    @GetMapping("/{key}/outline")
    @Operation(summary = "A published version's fields, states and transitions, for a client to draw the workflow "
            + "and build its forms (default the latest); for any caller granted the workflow")
    @Refuses({ErrorCode.WORKFLOW_NOT_GRANTED, ErrorCode.WORKFLOW_NOT_FOUND, ErrorCode.NOT_FOUND})
    public Mono<WorkflowOutline> outline(@PathVariable String key, @RequestParam(required = false) String version,
                                         ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange);
        if (!caller.admin()) {
            caller.requireWorkflow(key);
        }
        return Blocking.call(() -> WorkflowOutline.of(workflows.published(key, version)));
    }

    @GetMapping("/{key}/export")
    @Operation(summary = "The bare definition document of a version (default the latest) or of the draft "
            + "(version=draft)")
    @Refuses({ErrorCode.ADMIN_REQUIRED, ErrorCode.WORKFLOW_NOT_FOUND, ErrorCode.NOT_FOUND})
    public Mono<WorkflowDefinition> export(@PathVariable String key,
                                           @RequestParam(required = false) String version,
                                           ServerWebExchange exchange) {
        Caller.of(exchange).requireAdmin();
        return Blocking.call(() -> workflows.export(key, version));
    }

    @PostMapping("/import")
    @Operation(summary = "Import a definition document as the draft; with publish=true publish it at once")
    @ApiResponse(responseCode = "201", description = "The saved draft, or with publish=true the published version",
            content = @Content(schema = @Schema(implementation = Imported.class)))
    @Refuses({ErrorCode.ADMIN_REQUIRED, ErrorCode.INVALID_DEFINITION})
    public Mono<ResponseEntity<Object>> importDefinition(@RequestBody WorkflowDefinition definition,
                                                         @RequestParam(defaultValue = "false") boolean publish,
                                                         ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange).requireAdmin();
        return Blocking.call(() -> ResponseEntity.status(HttpStatus.CREATED)
                .body(workflows.importDefinition(definition, publish, caller.user())));
    }

    /**
     * How the import's answer is described: a {@link WorkflowDraft} or, with {@code publish=true}, a
     * {@link PublishedWorkflow}, as one shape, since the two cannot be told apart by a generated client's
     * {@code oneOf}: {@code updatedAt}/{@code updatedBy} are set for a draft, {@code version}/{@code publishedAt}/
     * {@code publishedBy} for a published version.
     */
    @Schema(name = "ImportedWorkflow")
    record Imported(String key, WorkflowDefinition definition, Instant updatedAt, String updatedBy, Integer version,
                    Instant publishedAt, String publishedBy) {
    }
}
