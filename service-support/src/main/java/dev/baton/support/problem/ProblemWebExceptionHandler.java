package dev.baton.support.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.api.error.BatonException;
import dev.baton.api.error.ErrorCode;
import dev.baton.support.kafka.ConsumerFailures;
import dev.baton.support.logging.TicketLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * Answers failures that never reach a controller (no such route, wrong method, a filter's error) with
 * problem+json too, ahead of Spring Boot's default error page.
 */
@Order(-2)
public class ProblemWebExceptionHandler implements WebExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ProblemWebExceptionHandler.class);
    private final ObjectMapper json;

    public ProblemWebExceptionHandler(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(ex);
        }
        BatonException typed = ProblemHandler.find(ex, BatonException.class);
        if (typed != null) {
            return Problems.write(exchange, json, typed.code(), typed.getMessage());
        }
        if (ex instanceof ResponseStatusException status) {
            int code = status.getStatusCode().value();
            if (code == 404) {
                return Problems.write(exchange, json, ErrorCode.NOT_FOUND,
                        "No resource at " + exchange.getRequest().getPath().value());
            }
            if (code == 405) {
                return Problems.write(exchange, json, ErrorCode.MALFORMED_REQUEST,
                        "Method " + exchange.getRequest().getMethod() + " is not allowed here");
            }
            if (code == 415) {
                return Problems.write(exchange, json, ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                        "Expected Content-Type application/json");
            }
            if (code >= 400 && code < 500) {
                return Problems.write(exchange, json, ErrorCode.MALFORMED_REQUEST,
                        status.getReason() == null ? "Bad request" : status.getReason());
            }
        }
        if (ConsumerFailures.isTransient(ex)) {
            exchange.getResponse().getHeaders().set("Retry-After", "1");
            return Problems.write(exchange, json, ErrorCode.UNAVAILABLE, "Expected the service's store to answer,"
                    + " but it cannot be reached right now; nothing was changed by this request. Retry shortly");
        }
        try (TicketLog.Scope ignored = TicketLog.of(exchange).open()) {
            log.error("Unhandled failure on {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
                    ex);
        }
        return Mono.error(ex);
    }
}
