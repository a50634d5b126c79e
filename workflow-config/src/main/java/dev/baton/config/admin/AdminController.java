package dev.baton.config.admin;

import dev.baton.api.error.ErrorCode;
import dev.baton.config.Blocking;
import dev.baton.support.auth.Caller;
import dev.baton.support.web.Refuses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Operations on the published topics (admin callers only). */
@RestController
@RequestMapping("/admin")
@Tag(name = "Admin", description = "Operations on the config topics")
public class AdminController {
    private final Republisher republisher;

    public AdminController(Republisher republisher) {
        this.republisher = republisher;
    }

    @PostMapping("/republish")
    @Operation(summary = "Re-enqueue every published version, directory record and app on the config topics")
@Refuses(ErrorCode.ADMIN_REQUIRED)
    public Mono<RepublishResult> republish(ServerWebExchange exchange) {
        Caller.of(exchange).requireAdmin();
        return Blocking.call(republisher::republish);
    }
}
