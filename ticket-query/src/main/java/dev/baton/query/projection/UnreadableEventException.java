package dev.baton.query.projection;

/** A record on the ticket events topic that cannot be decoded; retrying cannot help, so it is parked. */
public class UnreadableEventException extends RuntimeException {
    public UnreadableEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
