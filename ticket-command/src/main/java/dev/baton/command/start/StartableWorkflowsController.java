package dev.baton.command.start;

import dev.baton.api.workflow.PublishedWorkflow;
import dev.baton.api.workflow.StartPermission;
import dev.baton.engine.DirectoryView;
import dev.baton.engine.StartPermissions;
import dev.baton.support.auth.Caller;
import dev.baton.support.replica.WorkflowCatalog;
import dev.baton.support.web.Refuses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.Comparator;
import java.util.List;

/**
 * {@code GET /workflows/startable}: the workflows the acting user may start through this caller application (its
 * grants, and each workflow's start permission), latest versions, by name. A rate limit is shown, not evaluated.
 */
@RestController
@Tag(name = "Workflows", description = "The workflows a user may start, and what a ticket of one would go through")
public class StartableWorkflowsController {
    private final WorkflowCatalog catalog;
    private final DirectoryView directory;

    public StartableWorkflowsController(WorkflowCatalog catalog, DirectoryView directory) {
        this.catalog = catalog;
        this.directory = directory;
    }

    /** One workflow the user may start. */
    @Schema(name = "StartableWorkflow")
    public record Startable(String key, String name, String description, int version,
                            StartPermission.RateLimit rateLimit) {
    }

    @Operation(summary = "The workflows the acting user may start through the calling application, by name")
    @GetMapping("/workflows/startable")
    public Mono<List<Startable>> startable(ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange);
        return Mono.fromSupplier(() -> catalog.latestOfEach().stream()
                .filter(w -> caller.app().mayUse(w.key()))
                .filter(w -> StartPermissions.allows(w.definition().startPermission(), caller.user(), directory))
                .sorted(Comparator.comparing((PublishedWorkflow w) -> w.definition().name()))
                .map(w -> new Startable(w.key(), w.definition().name(), w.definition().description(), w.version(),
                        w.definition().startPermission() == null ? null : w.definition().startPermission().rateLimit()))
                .toList())
                .subscribeOn(Schedulers.boundedElastic()); // the first call after start-up may wait for the replica
    }
}
