package dev.baton.notification.consumer;

/** A ticket event of a known type that cannot be read: dead-lettered at once, retrying would not help. */
public class UnreadableEventException extends RuntimeException {
    public UnreadableEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
