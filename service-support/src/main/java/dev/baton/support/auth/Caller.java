package dev.baton.support.auth;

import dev.baton.api.app.CallerApp;
import dev.baton.api.error.BatonException;
import dev.baton.api.error.ErrorCode;
import org.springframework.web.server.ServerWebExchange;

/** Who is calling: the authenticated caller application and the user it acts for. */
public record Caller(CallerApp app, String user) {
    static final String ATTRIBUTE = Caller.class.getName();

    public static Caller of(ServerWebExchange exchange) {
        Caller caller = exchange.getAttribute(ATTRIBUTE);
        if (caller == null) {
            throw new BatonException(ErrorCode.UNAUTHENTICATED, "Expected a signed request, but it carried no signature");
        }
        return caller;
    }

    /** The caller of a request that passed authentication; none for a public path or one refused before. */
    public static java.util.Optional<Caller> find(ServerWebExchange exchange) {
        return java.util.Optional.ofNullable(exchange.getAttribute(ATTRIBUTE));
    }

    public boolean admin() {
        return app.admin();
    }

    public Caller requireAdmin() {
        if (!app.admin()) {
            throw new BatonException(ErrorCode.ADMIN_REQUIRED,
                    "Expected an admin caller application, but '" + app.appId() + "' is not one");
        }
        return this;
    }

    public Caller requireWorkflow(String workflowKey) {
        if (!app.mayUse(workflowKey)) {
            throw new BatonException(ErrorCode.WORKFLOW_NOT_GRANTED,
                    "Expected a caller granted workflow '" + workflowKey + "', but '" + app.appId() + "' is not");
        }
        return this;
    }
}
