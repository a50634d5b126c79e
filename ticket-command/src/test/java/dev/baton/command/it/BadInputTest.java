package dev.baton.command.it;

import dev.baton.api.auth.RequestSigning;
import dev.baton.testing.SignedClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Every kind of bad input gets its 4xx problem+json answer and leaves no event behind. */
class BadInputTest extends CommandServiceTest {

    WebTestClient raw() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }

    void expectProblem(WebTestClient.ResponseSpec response, int status, String code) {
        response.expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo(code).jsonPath("$.detail").isNotEmpty();
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void aRefusedCommandIsNotLoggedAsTheServersWarning(CapturedOutput output) {
        String ticketId = submitLeave(2);
        int from = output.getAll().length();
        client().post("alice", "/tickets/no-such-ticket/handle", Map.of("transition", "leader_approve"))
                .expectStatus().isNotFound();
        client().post("sam", "/tickets/" + ticketId + "/handle", Map.of("transition", "leader_approve"))
                .expectStatus().isForbidden();
        client().post("lena", "/tickets/" + ticketId + "/handle", Map.of("transition", "leader_approve",
                "expectedVersion", 0)).expectStatus().isEqualTo(409);
        // a command that succeeds afterwards: whatever the refusals logged is in the output by now
        client().post("lena", "/tickets/" + ticketId + "/handle", Map.of("transition", "leader_approve"))
                .expectStatus().isOk();
        String logged = output.getAll().substring(from);
        // Axon logs each refusal at WARN ("Command '…' resulted in …"), an unknown ticket with a stack trace
        assertThat(logged).doesNotContain("resulted in").doesNotContain("BatonException")
                .doesNotContain("no-such-ticket");
    }

    @Test
    void malformedJsonIsABadRequest() {
        int before = totalEvents();
        expectProblem(client().post("alice", "/tickets", "{\"workflow\": \"leave-request\", "), 400, "malformed-request");
        assertThat(totalEvents()).isEqualTo(before);
    }

    @Test
    void aWrongTypeForAPropertyIsABadRequest() {
        expectProblem(client().post("alice", "/tickets", "{\"workflow\": \"leave-request\", \"title\": \"x\", \"fields\": [1,2]}"),
                400, "malformed-request");
    }

    @Test
    void aFieldValueOfTheWrongTypeIsRefusedAndStoresNothing() {
        int before = totalEvents();
        client().post("alice", "/tickets", Map.of("workflow", "leave-request", "title", "Leave",
                        "fields", Map.of("days", "three"), "transition", "submit"))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.code").isEqualTo("invalid-field-value")
                .jsonPath("$.errors[0]").value(m -> assertThat((String) m).contains("days"));
        assertThat(totalEvents()).isEqualTo(before);
    }

    @Test
    void aNullInsideAListOrMapIsABadRequestNamingTheProperty() {
        String ticketId = submitLeave(2);
        int before = eventCount(ticketId);
        Map<String, String[]> cases = new java.util.LinkedHashMap<>();
        cases.put("cc", new String[] {"{\"to\": [null]}", "'to[0]'"});
        cases.put("reassign", new String[] {"{\"to\": [\"sam\", null]}", "'to[1]'"});
        cases.put("migrate", new String[] {"{\"toVersion\": 2, \"stateMapping\": {\"draft\": null}}",
                "'stateMapping.draft'"});
        cases.put("add-sign", new String[] {"{\"users\": [null]}", "'users[0]'"});
        cases.put("transfer", new String[] {"{\"to\": null}", "'to'"});
        cases.forEach((action, request) -> client().post("lena", "/tickets/" + ticketId + "/" + action, request[0])
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("invalid-input")
                .jsonPath("$.detail").value(d -> assertThat((String) d).as(action).contains(request[1])));
        expectProblem(client().post("admin", "/workflows/leave-request/migrations",
                "{\"fromVersion\": 1, \"toVersion\": 2, \"ticketIds\": [null]}"), 400, "invalid-input");
        client().post("admin", "/workflows/leave-request/migrations", "{\"fromVersion\": 1, \"toVersion\": 2, "
                        + "\"ticketIds\": [\"" + ticketId + "\"], \"stateMapping\": {\"draft\": null}}")
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("'stateMapping.draft'"));
        assertThat(eventCount(ticketId)).isEqualTo(before);
    }

    @Test
    void aNullFieldValueInAHandleClearsTheField() {
        String ticketId = body(client().post("alice", "/tickets", Map.of("workflow", "leave-request", "title", "Leave",
                        "fields", Map.of("days", 2, "reason", "rest")))
                .expectStatus().isCreated().expectBody().returnResult().getResponseBody()).get("ticketId").asText();
        client().post("alice", "/tickets/" + ticketId + "/handle",
                        "{\"transition\": \"submit\", \"fields\": {\"reason\": null}}")
                .expectStatus().isOk();
        client().get("alice", "/tickets/" + ticketId + "/as-of").expectStatus().isOk()
                .expectBody().jsonPath("$.ticket.fields.days").isEqualTo(2)
                .jsonPath("$.ticket.fields.reason").doesNotExist();
        client().post("alice", "/workflows/leave-request/dry-run", "{\"fields\": {\"days\": null}}")
                .expectStatus().isOk().expectBody().jsonPath("$.steps[0].state.key").isEqualTo("draft");
    }

    @Test
    void anUnknownTicketIsNotFound() {
        expectProblem(client().post("lena", "/tickets/" + UUID.randomUUID() + "/handle", Map.of("transition", "x")),
                404, "ticket-not-found");
    }

    @Test
    void anUnknownWorkflowIsNotFoundForAnAllGrantedCaller() {
        expectProblem(client().post("alice", "/tickets", Map.of("workflow", "leave-request-2", "title", "x")),
                403, "workflow-not-granted");
    }

    @Test
    void aWorkflowNotGrantedToTheCallerIsForbidden() {
        expectProblem(client().as(OTHER_APP, OTHER_SECRET).post("alice", "/tickets",
                Map.of("workflow", "leave-request", "title", "x")), 403, "workflow-not-granted");
    }

    @Test
    void aRequestWithoutSignatureIsUnauthenticated() {
        expectProblem(raw().post().uri("/tickets").contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange(),
                401, "unauthenticated");
    }

    @Test
    void aForgedSignatureIsUnauthenticated() {
        expectProblem(client().as(APP, "not-the-secret").post("alice", "/tickets", Map.of("workflow", "leave-request")),
                401, "unauthenticated");
    }

    @Test
    void aTamperedBodyIsUnauthenticated() {
        byte[] signedBody = "{\"workflow\":\"leave-request\",\"title\":\"a\"}".getBytes(StandardCharsets.UTF_8);
        String ts = Long.toString(Instant.now().getEpochSecond());
        String nonce = UUID.randomUUID().toString();
        String signature = RequestSigning.sign(SECRET, RequestSigning.canonical("POST", "/tickets", ts, nonce, "alice", signedBody));
        expectProblem(raw().post().uri("/tickets").header(RequestSigning.APP, APP).header(RequestSigning.TIMESTAMP, ts)
                .header(RequestSigning.NONCE, nonce).header(RequestSigning.USER, "alice")
                .header(RequestSigning.SIGNATURE, signature).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"workflow\":\"leave-request\",\"title\":\"b\"}").exchange(), 401, "unauthenticated");
    }

    @Test
    void aSignatureForAnotherUserIsUnauthenticated() {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        String ts = Long.toString(Instant.now().getEpochSecond());
        String nonce = UUID.randomUUID().toString();
        String signature = RequestSigning.sign(SECRET, RequestSigning.canonical("POST", "/tickets", ts, nonce, "alice", body));
        expectProblem(raw().post().uri("/tickets").header(RequestSigning.APP, APP).header(RequestSigning.TIMESTAMP, ts)
                .header(RequestSigning.NONCE, nonce).header(RequestSigning.USER, "admin")
                .header(RequestSigning.SIGNATURE, signature).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange(), 401, "unauthenticated");
    }

    @Test
    void aReplayedRequestIsRefusedAndActsOnce() {
        String ticketId = submitLeave(1);
        byte[] body = SignedClient.bytes(Map.of("comment", "once"));
        String nonce = UUID.randomUUID().toString();
        Instant now = Instant.now();
        client().prepare(HttpMethod.POST, "alice", "/tickets/" + ticketId + "/comments", body, nonce, now).exchange()
                .expectStatus().isOk();
        expectProblem(client().prepare(HttpMethod.POST, "alice", "/tickets/" + ticketId + "/comments", body, nonce, now)
                .exchange(), 401, "replayed-request");
        assertThat(eventCount(ticketId)).isEqualTo(3);
    }

    @Test
    void aStaleTimestampIsUnauthenticated() {
        expectProblem(client().prepare(HttpMethod.POST, "alice", "/tickets", SignedClient.bytes(Map.of()),
                UUID.randomUUID().toString(), Instant.now().minusSeconds(3600)).exchange(), 401, "unauthenticated");
    }

    @Test
    void anUnknownCallerIsUnauthenticated() {
        expectProblem(client().as("ghost-app", "x").post("alice", "/tickets", Map.of()), 401, "unauthenticated");
    }

    @Test
    void anOversizedBodyIsTooLarge() {
        String huge = "{\"workflow\":\"leave-request\",\"title\":\"" + "x".repeat(1_100_000) + "\"}";
        expectProblem(client().post("alice", "/tickets", huge), 413, "payload-too-large");
    }

    @Test
    void anUnknownRouteIsNotFound() {
        expectProblem(client().get("alice", "/nothing-here"), 404, "not-found");
    }
}
