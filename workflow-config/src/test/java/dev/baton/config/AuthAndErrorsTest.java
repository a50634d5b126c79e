package dev.baton.config;

import dev.baton.testing.SignedClient;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** Authentication refusals and malformed input: every one is problem+json with a {@code code}. */
class AuthAndErrorsTest extends ConfigServiceTest {

    @Test
    void aRequestWithoutSignatureHeadersIsRefused401() {
        WebTestClient.bindToServer().baseUrl(baseUrl()).build().get().uri("/workflows").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("unauthenticated");
    }

    @Test
    void aForgedSignatureIsRefused401() {
        admin().as(ADMIN, "not-the-secret").get(USER, "/workflows").expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("unauthenticated");
        admin().as("unknown-app", ADMIN_SECRET).get(USER, "/workflows").expectStatus().isUnauthorized();
    }

    @Test
    void aReplayedNonceIsRefused401() {
        String nonce = UUID.randomUUID().toString();
        Instant now = Instant.now();
        admin().prepare(HttpMethod.GET, USER, "/workflows", new byte[0], nonce, now).exchange()
                .expectStatus().isOk();

        admin().prepare(HttpMethod.GET, USER, "/workflows", new byte[0], nonce, now).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("replayed-request");
    }

    @Test
    void aStaleTimestampIsRefused401() {
        admin().prepare(HttpMethod.GET, USER, "/workflows", new byte[0], UUID.randomUUID().toString(),
                        Instant.now().minus(Duration.ofMinutes(10))).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("unauthenticated");
    }

    @Test
    void malformedJsonIsRefused400() {
        admin().put(USER, "/directory/roles/malformed", "{\"name\": ").expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("malformed-request");
        admin().put(USER, "/workflows/malformed/draft", "").expectStatus().isBadRequest();
    }

    @Test
    void wrongJsonTypesAreRefused400() {
        admin().put(USER, "/apps/typed", "{\"name\": \"Typed\", \"admin\": {\"yes\": 1}}").expectStatus()
                .isBadRequest().expectBody().jsonPath("$.code").isEqualTo("malformed-request");
        admin().put(USER, "/directory/users/typed", "{\"name\": \"T\", \"departments\": 5}").expectStatus()
                .isBadRequest();
        admin().put(USER, "/workflows/typed/draft", "{\"key\": \"typed\", \"states\": [{\"order\": \"first\"}]}")
                .expectStatus().isBadRequest();
        admin().get(USER, "/directory/users?active=perhaps").expectStatus().isBadRequest();
    }

    @Test
    void aBodyOverOneMebibyteIsRefused413() {
        String big = "{\"name\": \"" + "x".repeat(1024 * 1024) + "\"}";
        admin().put(USER, "/directory/roles/big", big).expectStatus().isEqualTo(413)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("payload-too-large");
    }

    @Test
    void unknownIdsAndRoutesAre404() {
        SignedClient client = admin();
        client.get(USER, "/workflows/no-such-flow/versions").expectStatus().isNotFound()
                .expectBody().jsonPath("$.code").isEqualTo("workflow-not-found");
        client.get(USER, "/workflows/no-such-flow/versions/1").expectStatus().isNotFound();
        client.get(USER, "/workflows/no-such-flow/export").expectStatus().isNotFound();
        client.get(USER, "/workflows/no-such-flow/draft").expectStatus().isNotFound()
                .expectBody().jsonPath("$.code").isEqualTo("not-found");
        client.get(USER, "/directory/users/no.such.user").expectStatus().isNotFound();
        client.get(USER, "/directory/departments/no-such-dept").expectStatus().isNotFound();
        client.get(USER, "/directory/roles/no-such-role").expectStatus().isNotFound();
        client.get(USER, "/apps/no-such-app").expectStatus().isNotFound();
        client.get(USER, "/no/such/route").expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void healthIsServedWithoutSignature() {
        WebTestClient.bindToServer().baseUrl(baseUrl()).build().get().uri("/actuator/health/readiness").exchange()
                .expectStatus().isOk();
    }
}
