package dev.baton.api.ticket.command;

import java.util.Map;

/**
 * The hook worker reports a hook's outcome: the system's answer (sync response or async callback), or
 * {@code exhausted} when every attempt failed. The ticket ignores an answer for a hook it no longer waits on.
 */
public record AnswerHook(String ticketId, String hookId, boolean success, boolean exhausted, String message,
                         Map<String, Object> fields) implements SystemCommand {
    public AnswerHook {
        fields = fields == null ? Map.of() : fields;
    }
}
