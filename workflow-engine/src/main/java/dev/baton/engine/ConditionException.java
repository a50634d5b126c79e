package dev.baton.engine;

/** A condition expression that does not parse, is too long or uses a construct {@link Conditions} forbids. */
public class ConditionException extends RuntimeException {
    public ConditionException(String message) {
        super(message);
    }

    public ConditionException(String message, Throwable cause) {
        super(message, cause);
    }
}
