package dev.baton.config.app;

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
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.List;

/** The caller application API (admin callers only). Secrets are shown once: on creation and on rotation. */
@RestController
@RequestMapping("/apps")
@Tag(name = "Caller applications", description = "The applications that call Baton: their grants and signing secrets")
public class AppController {
    private final AppService apps;

    public AppController(AppService apps) {
        this.apps = apps;
    }

    @PutMapping("/{appId}")
    @Operation(summary = "Create an app (201, with its new secret) or update it (200, secret unchanged, not shown)")
    @ApiResponse(responseCode = "200", description = "Updated; the secret is not shown",
            content = @Content(schema = @Schema(implementation = AppView.class)))
    @ApiResponse(responseCode = "201", description = "Created, with its secret, shown this once",
            content = @Content(schema = @Schema(implementation = AppView.class)))
    @Refuses(ErrorCode.ADMIN_REQUIRED)
    public Mono<ResponseEntity<AppView>> putApp(@PathVariable String appId, @RequestBody AppInput input,
                                             ServerWebExchange exchange) {
        Caller.of(exchange).requireAdmin();
        return Blocking.call(() -> {
            var saved = apps.put(appId, input);
            return ResponseEntity.status(saved.created() ? HttpStatus.CREATED : HttpStatus.OK).body(saved.value());
        });
    }

    @PostMapping("/{appId}/secret")
    @Operation(summary = "Replace the app's secret; the new one is shown this once")
    @Refuses({ErrorCode.ADMIN_REQUIRED, ErrorCode.NOT_FOUND})
    public Mono<AppView> rotateSecret(@PathVariable String appId, ServerWebExchange exchange) {
        Caller.of(exchange).requireAdmin();
        return Blocking.call(() -> apps.rotateSecret(appId));
    }

    @Operation(summary = "Every caller application, without secrets")
    @Refuses(ErrorCode.ADMIN_REQUIRED)
    @GetMapping
    public Mono<List<AppView>> listApps(ServerWebExchange exchange) {
        Caller.of(exchange).requireAdmin();
        return Blocking.call(apps::list);
    }

    @Operation(summary = "One caller application, without its secret")
    @Refuses({ErrorCode.ADMIN_REQUIRED, ErrorCode.NOT_FOUND})
    @GetMapping("/{appId}")
    public Mono<AppView> getApp(@PathVariable String appId, ServerWebExchange exchange) {
        Caller.of(exchange).requireAdmin();
        return Blocking.call(() -> apps.get(appId));
    }
}
