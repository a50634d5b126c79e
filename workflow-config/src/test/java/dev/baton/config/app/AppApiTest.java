package dev.baton.config.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.api.Topics;
import dev.baton.api.app.CallerApp;
import dev.baton.config.ConfigServiceTest;
import dev.baton.config.TopicReader;
import dev.baton.testing.SignedClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class AppApiTest extends ConfigServiceTest {
    private SignedClient client;

    @BeforeEach
    void setUp() {
        client = admin();
    }

    @Test
    void creatingAnAppReturnsItsSecretOnceAndTheAppCanCallRightAway() {
        JsonNode created = client.put(USER, "/apps/portal", Map.of("name", "Portal", "workflows", List.of("*")))
                .expectStatus().isCreated()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        String secret = created.get("secret").asText();

        assertThat(Base64.getUrlDecoder().decode(secret)).hasSize(32);
        assertThat(created.get("admin").asBoolean()).isFalse();
        assertThat(created.get("active").asBoolean()).isTrue();
        client.as("portal", secret).get("someone", "/workflows").expectStatus().isOk();
        client.get(USER, "/apps/portal").expectStatus().isOk().expectBody()
                .jsonPath("$.secret").doesNotExist().jsonPath("$.name").isEqualTo("Portal");
        client.get(USER, "/apps").expectStatus().isOk().expectBody()
                .jsonPath("$[?(@.appId == 'portal')].name").isEqualTo("Portal")
                .jsonPath("$[*].secret").doesNotExist();
        client.put(USER, "/apps/portal", Map.of("name", "Portal 2", "workflows", List.of("*")))
                .expectStatus().isOk().expectBody().jsonPath("$.secret").doesNotExist();
        client.as("portal", secret).get("someone", "/workflows").expectStatus().isOk();
    }

    @Test
    void aNullWorkflowGrantIsRefused400NamingTheField() {
        client.put(USER, "/apps/null-grant", "{\"name\":\"Null grant\",\"workflows\":[\"a\",null]}")
                .expectStatus().isBadRequest().expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.code").isEqualTo("invalid-input")
                .jsonPath("$.detail").isEqualTo("Expected workflows without null entries, but the entry at index 1 is"
                        + " null");
        client.get(USER, "/apps/null-grant").expectStatus().isNotFound();
    }

    @Test
    void appChangesArePublishedOnTheAppsTopicWithTheirSecret() throws Exception {
        String secret = create("published-app", Map.of("name", "Published", "workflows", List.of("a", "b")));

        ConsumerRecord<String, String> record = await().atMost(Duration.ofSeconds(20))
                .until(() -> TopicReader.last(Topics.CONFIG_APPS, "published-app"), r -> r.isPresent()).get();

        assertThat(JSON.readValue(record.value(), CallerApp.class))
                .isEqualTo(new CallerApp("published-app", "Published", secret, false, List.of("a", "b"), true));
    }

    @Test
    void rotatingTheSecretLocksOutTheOldOneAndAnInactiveAppIsRefused() {
        String old = create("rotating", Map.of("name", "Rotating"));

        String rotated = client.post(USER, "/apps/rotating/secret", null).expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody().get("secret").asText();

        assertThat(rotated).isNotEqualTo(old);
        client.as("rotating", old).get("someone", "/workflows").expectStatus().isUnauthorized();
        client.as("rotating", rotated).get("someone", "/workflows").expectStatus().isOk();
        client.put(USER, "/apps/rotating", Map.of("name", "Rotating", "active", false)).expectStatus().isOk();
        client.as("rotating", rotated).get("someone", "/workflows").expectStatus().isUnauthorized();
        client.post(USER, "/apps/no-such-app/secret", null).expectStatus().isNotFound();
        client.get(USER, "/apps/no-such-app").expectStatus().isNotFound();
    }

    @Test
    void aNonAdminAppIsRefused403OnEveryConfigEndpoint() {
        SignedClient plain = client.as("plain-app", create("plain-app", Map.of("name", "Plain", "workflows", List.of("*"))));

        for (String path : List.of("/apps", "/apps/plain-app", "/directory/users", "/directory/departments",
                "/directory/roles", "/workflows/leave-request/versions", "/workflows/leave-request/export")) {
            plain.get("someone", path).expectStatus().isForbidden()
                    .expectBody().jsonPath("$.code").isEqualTo("admin-required");
        }
        plain.put("someone", "/apps/plain-app", Map.of("name", "Mine", "admin", true)).expectStatus().isForbidden();
        plain.post("someone", "/admin/republish", null).expectStatus().isForbidden();
        plain.post("someone", "/workflows/import", demoAs("sneaky", "Sneaky")).expectStatus().isForbidden();
    }

    @Test
    void theWorkflowListShowsOnlyPublishedWorkflowsTheAppIsGranted() {
        putDemoDirectory();
        client.post(USER, "/workflows/import?publish=true", demoAs("granted-flow", "Granted")).expectStatus().isCreated();
        client.post(USER, "/workflows/import?publish=true", demoAs("other-flow", "Other")).expectStatus().isCreated();
        client.put(USER, "/workflows/granted-draft/draft", demoAs("granted-draft", "Draft")).expectStatus().isCreated();
        String secret = create("granted-app", Map.of("name", "Granted",
                "workflows", List.of("granted-flow", "granted-draft")));

        List<Map<String, Object>> list = client.as("granted-app", secret).get("someone", "/workflows")
                .expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() {
                }).returnResult().getResponseBody();

        assertThat(list).extracting(m -> m.get("key")).containsExactly("granted-flow");
    }

    @Test
    void appInputIsValidated() {
        client.put(USER, "/apps/Bad_App!", Map.of("name", "x")).expectStatus().isBadRequest();
        client.put(USER, "/apps/valid-id", Map.of("name", "")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.code").isEqualTo("invalid-input");
        client.put(USER, "/apps/valid-id", Map.of("name", "x", "workflows", List.of("Not A Key")))
                .expectStatus().isBadRequest();
        client.put(USER, "/apps/valid-id", Map.of("name", "x", "workflows", List.of("a", "a")))
                .expectStatus().isBadRequest();
        client.get(USER, "/apps/valid-id").expectStatus().isNotFound();
    }

    private String create(String appId, Map<String, Object> body) {
        return client.put(USER, "/apps/" + appId, body).expectStatus().isCreated()
                .expectBody(JsonNode.class).returnResult().getResponseBody().get("secret").asText();
    }
}
