package dev.baton.support.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.api.error.BatonException;
import dev.baton.api.error.ErrorCode;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.util.List;

/** Builds RFC 9457 problem details for Baton's typed refusals. */
public final class Problems {
    private Problems() {
    }

    public static ProblemDetail of(ErrorCode code, String detail, List<String> errors, String instance) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(code.status()), detail);
        problem.setType(URI.create(code.type()));
        problem.setTitle(code.title());
        problem.setProperty("code", code.slug());
        if (errors != null && !errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        if (instance != null) {
            try {
                problem.setInstance(new URI(instance));
            } catch (java.net.URISyntaxException e) {
                // a path that is no URI is named in the detail, if at all
            }
        }
        return problem;
    }

    public static ProblemDetail of(BatonException e, String instance) {
        return of(e.code(), e.getMessage(), e.errors(), instance);
    }

    /** Writes a problem straight to the response, for code that runs before any controller (filters). */
    public static Mono<Void> write(ServerWebExchange exchange, ObjectMapper json, ErrorCode code, String detail) {
        ProblemDetail problem = of(code, detail, List.of(), exchange.getRequest().getPath().value());
        byte[] body;
        try {
            body = json.writeValueAsBytes(problem);
        } catch (Exception e) {
            return Mono.error(e);
        }
        var response = exchange.getResponse();
        response.setStatusCode(HttpStatus.valueOf(code.status()));
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }
}
