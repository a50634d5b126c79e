package dev.baton.api.error;

import java.util.List;

/**
 * A typed refusal. {@code detail} says what was expected and what was found; {@code errors} lists every problem
 * when there are several (e.g. an invalid workflow definition).
 */
public class BatonException extends RuntimeException {
    private final ErrorCode code;
    private final List<String> errors;

    public BatonException(ErrorCode code, String detail) {
        this(code, detail, List.of());
    }

    public BatonException(ErrorCode code, String detail, List<String> errors) {
        super(detail);
        this.code = code;
        this.errors = List.copyOf(errors);
    }

    public ErrorCode code() { return code; }

    public List<String> errors() { return errors; }
}
