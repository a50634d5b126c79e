package dev.baton.config.delegation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.api.Topics;
import dev.baton.api.directory.Delegation;
import dev.baton.api.directory.DirectoryRecords;
import dev.baton.config.ConfigServiceTest;
import dev.baton.config.TopicReader;
import dev.baton.testing.SignedClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Delegations over workflow-config's API on a real PostgreSQL and Kafka: a user delegates their own work through a
 * plain caller application, sees it, cancels it; every change reaches the directory topic; bad input is refused
 * with nothing stored.
 */
class DelegationApiTest extends ConfigServiceTest {
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    /** A workflow of this class's own: other classes count the versions of theirs. */
    static final String FLOW = "delegated-flow";
    /** A second workflow, which the limited application below is not granted. */
    static final String OTHER = "delegated-other";
    static boolean published;
    private SignedClient oa;
    /** A plain application granted only {@link #FLOW}. */
    private SignedClient limited;
    @org.springframework.beans.factory.annotation.Autowired
    dev.baton.config.delegation.DelegationService delegations;

    @BeforeEach
    void setUp() {
        putDemoDirectory();
        if (!published) {
            admin().post(USER, "/workflows/import?publish=true", demoAs(FLOW, "Delegated flow"))
                    .expectStatus().is2xxSuccessful();
            admin().post(USER, "/workflows/import?publish=true", demoAs(OTHER, "Other delegated flow"))
                    .expectStatus().is2xxSuccessful();
            published = true;
        }
        oa = app(List.of("*"));
        limited = app(List.of(FLOW));
    }

    private SignedClient app(List<String> workflows) {
        String appId = "deleg-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        String secret = admin().put(USER, "/apps/" + appId, Map.of("name", "OA", "workflows", workflows))
                .expectStatus().isCreated().expectBody(JsonNode.class).returnResult().getResponseBody()
                .get("secret").asText();
        return admin().as(appId, secret);
    }

    static Map<String, Object> window(String delegate, int fromDays, int untilDays, List<String> workflows) {
        return Map.of("delegate", delegate, "from", NOW.plus(Duration.ofDays(fromDays)).toString(),
                "until", NOW.plus(Duration.ofDays(untilDays)).toString(), "workflows", workflows, "reason", "holiday");
    }

    long stored() {
        return jdbc.queryForObject("SELECT count(*) FROM delegation", Long.class);
    }

    @Test
    void aUserDelegatesTheirOwnWorkAndTheDirectoryTopicCarriesIt() throws Exception {
        JsonNode created = oa.post("sue", "/delegations", window("bob", 0, 7, List.of(FLOW)))
                .expectStatus().isCreated().expectHeader().exists("Location")
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        String id = created.get("id").asText();
        assertThat(created.get("delegator").asText()).isEqualTo("sue");
        assertThat(created.get("createdBy").asText()).isEqualTo("sue");

        ConsumerRecord<String, String> record = await().atMost(Duration.ofSeconds(20)).until(() ->
                TopicReader.last(Topics.CONFIG_DIRECTORY, DirectoryRecords.delegationKey(id)), Optional::isPresent).get();
        Delegation published = JSON.readValue(record.value(), Delegation.class);
        assertThat(published.delegate()).isEqualTo("bob");
        assertThat(published.covers(FLOW, NOW.plus(Duration.ofDays(1)))).isTrue();
        assertThat(published.covers("expenses", NOW.plus(Duration.ofDays(1)))).isFalse();

        assertThat(oa.get("sue", "/delegations").expectStatus().isOk().expectBody(JsonNode.class).returnResult()
                .getResponseBody()).extracting(d -> d.get("id").asText()).contains(id);
        assertThat(oa.get("bob", "/delegations").expectStatus().isOk().expectBody(JsonNode.class).returnResult()
                .getResponseBody()).extracting(d -> d.get("id").asText()).contains(id);
        oa.get("bob", "/delegations?user=sue").expectStatus().isForbidden();

        oa.delete("bob", "/delegations/" + id).expectStatus().isForbidden();
        oa.delete("sue", "/delegations/" + id).expectStatus().isNoContent();
        oa.delete("sue", "/delegations/" + id).expectStatus().isNotFound();
        await().atMost(Duration.ofSeconds(20)).until(() -> TopicReader.last(Topics.CONFIG_DIRECTORY,
                DirectoryRecords.delegationKey(id)), r -> r.isPresent() && r.get().value() == null);
    }

    @Test
    void anEndedDelegationIsForgottenWithATombstoneOnTheTopic() {
        String id = oa.post("oscar", "/delegations", window("bob", 0, 2, List.of()))
                .expectStatus().isCreated().expectBody(JsonNode.class).returnResult().getResponseBody()
                .get("id").asText();
        String running = oa.post("oscar", "/delegations", window("bob", 3, 9, List.of()))
                .expectStatus().isCreated().expectBody(JsonNode.class).returnResult().getResponseBody()
                .get("id").asText();

        assertThat(delegations.expire(NOW.plus(Duration.ofDays(2)).plusSeconds(1))).isGreaterThanOrEqualTo(1);

        assertThat(jdbc.queryForObject("SELECT count(*) FROM delegation WHERE id = ?", Long.class, id)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM delegation WHERE id = ?", Long.class, running)).isOne();
        await().atMost(Duration.ofSeconds(20)).until(() -> TopicReader.last(Topics.CONFIG_DIRECTORY,
                DirectoryRecords.delegationKey(id)), r -> r.isPresent() && r.get().value() == null);
        oa.delete("oscar", "/delegations/" + running).expectStatus().isNoContent();
    }

    @Test
    void overlappingDelegationsOfTheSameWorkAreRefused() {
        oa.post("dina", "/delegations", window("bob", 10, 20, List.of())).expectStatus().isCreated();
        JsonNode clash = oa.post("dina", "/delegations", window("sue", 15, 25, List.of(FLOW)))
                .expectStatus().isEqualTo(409).expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(clash.get("code").asText()).isEqualTo("delegation-overlaps");
        oa.post("dina", "/delegations", window("sue", 20, 25, List.of(FLOW))).expectStatus().isCreated();
    }

    @Test
    void onlyAnAdminApplicationDelegatesForSomeoneElse() {
        oa.post("sue", "/delegations", Map.of("delegator", "dirk", "delegate", "bob",
                "until", NOW.plus(Duration.ofDays(3)).toString())).expectStatus().isForbidden();
        JsonNode byAdmin = admin().post(USER, "/delegations", Map.of("delegator", "dirk", "delegate", "bob",
                        "until", NOW.plus(Duration.ofDays(3)).toString()))
                .expectStatus().isCreated().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(byAdmin.get("delegator").asText()).isEqualTo("dirk");
        assertThat(byAdmin.get("createdBy").asText()).isEqualTo(USER);
        assertThat(byAdmin.get("workflows")).isEmpty();
        admin().get(USER, "/delegations?user=dirk").expectStatus().isOk();
    }

    @Test
    void anApplicationMayNotDelegateAWorkflowItIsNotGranted() {
        long before = stored();

        for (List<String> workflows : List.of(List.of(OTHER), List.of(FLOW, OTHER), List.of("no-such-flow"))) {
            limited.post("sam", "/delegations", window("bob", 0, 7, workflows)).expectStatus().isForbidden()
                    .expectHeader().contentType("application/problem+json")
                    .expectBody().jsonPath("$.code").isEqualTo("workflow-not-granted");
        }
        app(List.of()).post("sam", "/delegations", window("bob", 0, 7, List.of())).expectStatus().isForbidden()
                .expectBody().jsonPath("$.code").isEqualTo("workflow-not-granted");

        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void aDelegationForAllWorkflowsCoversOnlyWhatTheApplicationIsGranted() {
        JsonNode narrowed = limited.post("lena", "/delegations", window("bob", 0, 7, List.of()))
                .expectStatus().isCreated().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(narrowed.get("workflows")).extracting(JsonNode::asText).containsExactly(FLOW);
        assertThat(jdbc.queryForObject("SELECT array_to_string(workflows, ',') FROM delegation WHERE id = ?",
                String.class, narrowed.get("id").asText())).isEqualTo(FLOW);

        JsonNode all = oa.post("lena", "/delegations", window("bob", 10, 17, List.of()))
                .expectStatus().isCreated().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(all.get("workflows")).isEmpty();
        // the narrowed one leaves OTHER free in its window
        oa.post("lena", "/delegations", window("sue", 0, 7, List.of(OTHER))).expectStatus().isCreated();
    }

    @Test
    void anApplicationSeesAndCancelsOnlyDelegationsWithinItsGrants() {
        String all = admin().post(USER, "/delegations", Map.of("delegator", "ops1", "delegate", "bob",
                        "from", NOW.plus(Duration.ofDays(30)).toString(),
                        "until", NOW.plus(Duration.ofDays(40)).toString()))
                .expectStatus().isCreated().expectBody(JsonNode.class).returnResult().getResponseBody()
                .get("id").asText();
        String other = oa.post("ops1", "/delegations", window("bob", 50, 60, List.of(OTHER)))
                .expectStatus().isCreated().expectBody(JsonNode.class).returnResult().getResponseBody()
                .get("id").asText();
        String mine = limited.post("ops1", "/delegations", window("bob", 70, 80, List.of(FLOW)))
                .expectStatus().isCreated().expectBody(JsonNode.class).returnResult().getResponseBody()
                .get("id").asText();

        assertThat(ids(limited, "ops1")).containsExactly(mine);
        assertThat(ids(limited, "bob")).contains(mine).doesNotContain(all, other);
        assertThat(ids(oa, "ops1")).contains(all, other, mine);
        JsonNode unknown = limited.delete("ops1", "/delegations/no-such-delegation").expectStatus().isNotFound()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        for (String hidden : List.of(all, other)) {
            JsonNode problem = limited.delete("ops1", "/delegations/" + hidden).expectStatus().isNotFound()
                    .expectBody(JsonNode.class).returnResult().getResponseBody();
            assertThat(problem.get("code")).isEqualTo(unknown.get("code"));
            assertThat(problem.get("detail").asText()).isEqualTo(unknown.get("detail").asText()
                    .replace("no-such-delegation", hidden));
        }
        JsonNode clash = limited.post("ops1", "/delegations", window("sue", 35, 38, List.of(FLOW)))
                .expectStatus().isEqualTo(409).expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(clash.get("errors").toString()).contains("cannot see").doesNotContain(all);

        limited.delete("ops1", "/delegations/" + mine).expectStatus().isNoContent();
        oa.delete("ops1", "/delegations/" + other).expectStatus().isNoContent();
        oa.delete("ops1", "/delegations/" + all).expectStatus().isNoContent();
    }

    private List<String> ids(SignedClient app, String user) {
        JsonNode list = app.get(user, "/delegations").expectStatus().isOk().expectBody(JsonNode.class).returnResult()
                .getResponseBody();
        List<String> ids = new java.util.ArrayList<>();
        list.forEach(d -> ids.add(d.get("id").asText()));
        return ids;
    }

    @Test
    void aNullWorkflowIsRefused400NamingTheField() {
        long before = stored();
        oa.post("oscar", "/delegations", "{\"delegate\":\"bob\",\"until\":\""
                        + NOW.plus(Duration.ofDays(1)) + "\",\"workflows\":[\"" + FLOW + "\",null]}")
                .expectStatus().isBadRequest().expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.code").isEqualTo("invalid-input")
                .jsonPath("$.detail").value(d -> assertThat((String) d)
                        .contains("workflows without null entries, but the entry at index 1 is null"));
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void badInputIsRefusedAndNothingIsStored() {
        long before = stored();
        oa.post("oscar", "/delegations", Map.of("until", NOW.plus(Duration.ofDays(1)).toString()))
                .expectStatus().isBadRequest().expectHeader().contentType("application/problem+json");
        oa.post("oscar", "/delegations", window("oscar", 0, 1, List.of())).expectStatus().isBadRequest();
        oa.post("oscar", "/delegations", window("bob", 2, 1, List.of())).expectStatus().isBadRequest();
        oa.post("oscar", "/delegations", window("bob", -5, -1, List.of())).expectStatus().isBadRequest();
        oa.post("oscar", "/delegations", window("bob", 0, 400, List.of())).expectStatus().isBadRequest();
        oa.post("oscar", "/delegations", window("ghost", 0, 1, List.of())).expectStatus().isNotFound();
        oa.post("oscar", "/delegations", window("nobody-at-all", 0, 1, List.of())).expectStatus().isNotFound();
        oa.post("oscar", "/delegations", window("bob", 0, 1, List.of("no-such-flow"))).expectStatus().isNotFound();
        oa.post("oscar", "/delegations", window("bob", 0, 1, List.of("Not A Key"))).expectStatus().isBadRequest();
        oa.post("oscar", "/delegations", Map.of("delegate", "bob", "until", "next tuesday"))
                .expectStatus().isBadRequest();
        assertThat(stored()).isEqualTo(before);
    }
}
