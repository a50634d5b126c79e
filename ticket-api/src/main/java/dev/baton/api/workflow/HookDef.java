package dev.baton.api.workflow;

import java.util.Map;

/**
 * A state handled by an external system instead of a person. On arrival the hook worker POSTs the ticket to
 * {@code url}, signed with the secret the worker knows as {@code secret} (never the secret itself: definitions are
 * exported and published). In {@code SYNC} mode the response decides; in {@code ASYNC} mode the system answers later
 * on the worker's callback endpoint.
 *
 * @param fields            ticket field key → the name the external API expects; fields not listed are not sent
 * @param timeoutSeconds    per attempt (default 10, at most 60)
 * @param attempts          how many times a transport error or 5xx is tried in all (default 5, at most 20)
 * @param successTransition taken when the system reports success
 * @param failureTransition taken when it reports failure (a check node rejects the request; an execute node tells
 *                          the user)
 */
public record HookDef(String url, Mode mode, String secret, Map<String, String> fields, Integer timeoutSeconds,
                      Integer attempts, String successTransition, String failureTransition) {
    public static final int DEFAULT_TIMEOUT_SECONDS = 10;
    public static final int MAX_TIMEOUT_SECONDS = 60;
    public static final int DEFAULT_ATTEMPTS = 5;
    public static final int MAX_ATTEMPTS = 20;

    public HookDef {
        mode = mode == null ? Mode.SYNC : mode;
        fields = Entries.map("a hook's fields", fields);
    }

    public int timeoutOrDefault() {
        return timeoutSeconds == null ? DEFAULT_TIMEOUT_SECONDS : timeoutSeconds;
    }

    public int attemptsOrDefault() {
        return attempts == null ? DEFAULT_ATTEMPTS : attempts;
    }

    public enum Mode { SYNC, ASYNC }
}
