package dev.baton.query.consistency;

import dev.baton.support.problem.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ServerWebExchange;

/** Adds {@code Retry-After} to the 503 problem of a read-your-writes request that timed out. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class NotReadyHandler {

    @ExceptionHandler(NotReadyException.class)
    public ResponseEntity<ProblemDetail> notReady(NotReadyException e, ServerWebExchange exchange) {
        ProblemDetail problem = Problems.of(e, exchange.getRequest().getPath().value());
        return ResponseEntity.status(problem.getStatus())
                .header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, e.retryAfter().toSeconds())))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
