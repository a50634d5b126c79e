package dev.baton.support.problem;

import dev.baton.api.error.BatonException;
import dev.baton.api.error.ErrorCode;
import dev.baton.support.kafka.ConsumerFailures;
import dev.baton.support.logging.TicketLog;
import dev.baton.support.web.RequestJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;

import java.util.List;

/**
 * Turns every refusal into {@code application/problem+json}: typed Baton refusals keep their status and code, bad
 * input becomes 400, and anything unexpected a 500 that says nothing internal.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ProblemHandler {
    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(BatonException.class)
    public ResponseEntity<ProblemDetail> refused(BatonException e, ServerWebExchange exchange) {
        return respond(Problems.of(e, path(exchange)));
    }

    @ExceptionHandler(WebExchangeBindException.class)
    public ResponseEntity<ProblemDetail> invalid(WebExchangeBindException e, ServerWebExchange exchange) {
        List<String> errors = e.getFieldErrors().stream()
                .map(f -> "Expected '" + f.getField() + "' " + f.getDefaultMessage() + ", but got " + f.getRejectedValue())
                .toList();
        return respond(Problems.of(ErrorCode.INVALID_INPUT, "The request has " + errors.size() + " invalid value(s)",
                errors, path(exchange)));
    }

    @ExceptionHandler(UnsupportedMediaTypeStatusException.class)
    public ResponseEntity<ProblemDetail> mediaType(UnsupportedMediaTypeStatusException e, ServerWebExchange exchange) {
        return respond(Problems.of(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                "Expected Content-Type application/json, but got " + e.getContentType(), List.of(), path(exchange)));
    }

    @ExceptionHandler(ServerWebInputException.class)
    public ResponseEntity<ProblemDetail> unreadable(ServerWebInputException e, ServerWebExchange exchange) {
        if (causedBy(e, DataBufferLimitException.class)) {
            return respond(Problems.of(ErrorCode.PAYLOAD_TOO_LARGE, "The request body exceeds the allowed size",
                    List.of(), path(exchange)));
        }
        RequestJson.RefusedTextException text = find(e, RequestJson.RefusedTextException.class);
        if (text != null) {
            return respond(Problems.of(ErrorCode.INVALID_INPUT, text.getOriginalMessage(), List.of(), path(exchange)));
        }
        com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException unknown =
                find(e, com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException.class);
        if (unknown != null) {
            return respond(Problems.of(ErrorCode.MALFORMED_REQUEST, "Expected only the properties "
                    + unknown.getKnownPropertyIds() + " at '" + pointer(unknown) + "', but got '"
                    + unknown.getPropertyName() + "'", List.of(), path(exchange)));
        }
        com.fasterxml.jackson.databind.exc.MismatchedInputException mismatch =
                find(e, com.fasterxml.jackson.databind.exc.MismatchedInputException.class);
        if (mismatch != null && !mismatch.getPath().isEmpty()) {
            String expected = mismatch.getTargetType() == null ? "another value"
                    : "a value of type " + typeName(mismatch.getTargetType());
            return respond(Problems.of(ErrorCode.MALFORMED_REQUEST, "Expected " + expected + " at '" + pointer(mismatch)
                    + "', but got something else: " + firstLine(mismatch.getOriginalMessage()), List.of(),
                    path(exchange)));
        }
        com.fasterxml.jackson.core.JacksonException jackson = find(e, com.fasterxml.jackson.core.JacksonException.class);
        if (jackson != null) {
            return respond(Problems.of(ErrorCode.MALFORMED_REQUEST, "The request body is not a valid JSON document: "
                    + firstLine(jackson.getOriginalMessage()), List.of(), path(exchange)));
        }
        Throwable cause = e.getMostSpecificCause();
        String reason = cause instanceof DecodingException || cause != e ? firstLine(cause.getMessage()) : e.getReason();
        return respond(Problems.of(ErrorCode.MALFORMED_REQUEST, "The request cannot be read: " + reason, List.of(),
                path(exchange)));
    }

    @ExceptionHandler(MethodNotAllowedException.class)
    public ResponseEntity<ProblemDetail> method(MethodNotAllowedException e, ServerWebExchange exchange) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.METHOD_NOT_ALLOWED,
                "Expected one of " + e.getSupportedMethods() + ", but got " + e.getHttpMethod());
        return respond(problem);
    }

    @ExceptionHandler(ResponseStatusException.class)
    public ResponseEntity<ProblemDetail> status(ResponseStatusException e, ServerWebExchange exchange) {
        if (e.getStatusCode().value() == 404) {
            return respond(Problems.of(ErrorCode.NOT_FOUND, "No resource at " + path(exchange), List.of(),
                    path(exchange)));
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.getStatusCode(), e.getReason());
        return respond(problem);
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<ProblemDetail> unexpected(Exception e, ServerWebExchange exchange) {
        BatonException typed = find(e, BatonException.class);
        if (typed != null) {
            return refused(typed, exchange);
        }
        if (ConsumerFailures.isTransient(e)) {
            return unavailable(e, exchange);
        }
        try (TicketLog.Scope ignored = TicketLog.of(exchange).open()) {
            log.error("Unexpected failure on {} {}", exchange.getRequest().getMethod(), path(exchange), e);
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "An unexpected error occurred; it has been logged");
        return respond(problem);
    }

    /**
     * A store the request needed could not be reached (the database restarting, a pool that cannot connect): 503 with
     * {@code Retry-After}, since the same request may well succeed a moment later and nothing was half done.
     */
    static ResponseEntity<ProblemDetail> unavailable(Throwable e, ServerWebExchange exchange) {
        log.warn("Store unavailable on {} {}: {}", exchange.getRequest().getMethod(), path(exchange),
                ConsumerFailures.describe(e));
        return ResponseEntity.status(503).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .header("Retry-After", "1")
                .body(Problems.of(ErrorCode.UNAVAILABLE, "Expected the service's store to answer, but it cannot be"
                        + " reached right now; nothing was changed by this request. Retry shortly", List.of(),
                        path(exchange)));
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static String path(ServerWebExchange exchange) {
        return exchange.getRequest().getPath().value();
    }

    private static String pointer(com.fasterxml.jackson.databind.JsonMappingException e) {
        StringBuilder pointer = new StringBuilder();
        for (var reference : e.getPath()) {
            pointer.append('/').append(reference.getFieldName() != null ? reference.getFieldName()
                    : String.valueOf(reference.getIndex()));
        }
        return pointer.isEmpty() ? "/" : pointer.toString();
    }

    private static String typeName(Class<?> type) {
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "boolean";
        }
        if (CharSequence.class.isAssignableFrom(type)) {
            return "string";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "array";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        if (java.util.Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "object";
        }
        return type.getSimpleName();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable body";
        }
        int cut = message.indexOf('\n');
        String line = cut < 0 ? message : message.substring(0, cut);
        return line.length() > 300 ? line.substring(0, 300) : line;
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        return find(e, type) != null;
    }

    static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
