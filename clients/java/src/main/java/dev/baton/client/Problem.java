package dev.baton.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.client.invoker.ApiException;

import java.io.IOException;

/**
 * A refusal as Baton answers it (RFC 9457 problem+json): the HTTP status, Baton's {@code code} (a stable slug such
 * as {@code version-conflict} or {@code ticket-not-found}) and the {@code detail} saying what was expected.
 */
public record Problem(int status, String code, String detail) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The problem an API call failed with; {@code code} is empty when the answer was no problem document. */
    public static Problem of(ApiException e) {
        String body = e.getResponseBody();
        if (body != null && !body.isBlank()) {
            try {
                JsonNode problem = JSON.readTree(body);
                return new Problem(e.getCode(), problem.path("code").asText(""), problem.path("detail").asText(""));
            } catch (IOException ignored) {
                // not JSON: the status is all there is
            }
        }
        return new Problem(e.getCode(), "", e.getMessage() == null ? "" : e.getMessage());
    }
}
