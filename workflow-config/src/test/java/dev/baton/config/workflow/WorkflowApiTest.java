package dev.baton.config.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.api.Topics;
import dev.baton.api.workflow.ParticipantKind;
import dev.baton.api.workflow.ParticipantRule;
import dev.baton.api.workflow.PublishedWorkflow;
import dev.baton.api.workflow.StateDef;
import dev.baton.api.workflow.StateType;
import dev.baton.api.workflow.TransitionDef;
import dev.baton.api.workflow.TransitionKind;
import dev.baton.api.workflow.WorkflowDefinition;
import dev.baton.config.ConfigServiceTest;
import dev.baton.config.TopicReader;
import dev.baton.engine.Demo;
import dev.baton.testing.SignedClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class WorkflowApiTest extends ConfigServiceTest {
    private SignedClient client;

    @BeforeEach
    void setUp() {
        client = admin();
        putDemoDirectory();
    }

    @Test
    void publishingTheDemoWorkflowStoresVersionOneAndPutsItOnTheWorkflowsTopic() throws Exception {
        WorkflowDefinition demo = Demo.leaveRequest();
        client.put(USER, "/workflows/leave-request/draft", demo).expectStatus().isCreated();

        PublishedWorkflow published = client.post(USER, "/workflows/leave-request/publish", null)
                .expectStatus().isCreated()
                .expectBody(PublishedWorkflow.class).returnResult().getResponseBody();

        assertThat(published.key()).isEqualTo("leave-request");
        assertThat(published.version()).isEqualTo(1);
        assertThat(published.publishedBy()).isEqualTo(USER);
        assertThat(published.definition()).isEqualTo(demo);
        client.get(USER, "/workflows/leave-request/draft").expectStatus().isNotFound();
        ConsumerRecord<String, String> record = await().atMost(Duration.ofSeconds(20))
                .until(() -> TopicReader.last(Topics.CONFIG_WORKFLOWS, "leave-request@1"), Optional::isPresent).get();
        assertThat(JSON.readValue(record.value(), PublishedWorkflow.class)).isEqualTo(published);
    }

    @Test
    void anInvalidDefinitionIsRefusedWith422ListingEveryProblemAndNothingIsStoredOrPublished() {
        WorkflowDefinition broken = new WorkflowDefinition("broken-flow", "Broken", null, false, List.of("nobody"),
                List.of(),
                List.of(state("start", StateType.START, null), state("also-start", StateType.START, null),
                        state("review", StateType.NORMAL, ParticipantRule.of(ParticipantKind.ROLE, "no-such-role"))),
                List.of(new TransitionDef("go", "Go", "start", "nowhere", TransitionKind.AGREE, false, List.of())));

        JsonNode problem = client.post(USER, "/workflows/import?publish=true", broken)
                .expectStatus().isEqualTo(422)
                .expectBody(JsonNode.class).returnResult().getResponseBody();

        assertThat(problem.get("code").asText()).isEqualTo("invalid-definition");
        assertThat(problem.get("errors")).hasSizeGreaterThanOrEqualTo(4);
        assertThat(problem.get("errors").toString())
                .contains("nowhere").contains("no-such-role").contains("nobody");
        client.get(USER, "/workflows/broken-flow/draft").expectStatus().isNotFound();
        client.get(USER, "/workflows/broken-flow/versions").expectStatus().isNotFound()
                .expectBody().jsonPath("$.code").isEqualTo("workflow-not-found");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM outbox WHERE record_key LIKE 'broken-flow@%'", Long.class))
                .isZero();

        client.put(USER, "/workflows/broken-flow/draft", broken).expectStatus().isCreated();
        client.post(USER, "/workflows/broken-flow/publish", null).expectStatus().isEqualTo(422);
        client.get(USER, "/workflows/broken-flow/draft").expectStatus().isOk();
        assertThat(TopicReader.readAll(Topics.CONFIG_WORKFLOWS)).noneMatch(r -> r.key().startsWith("broken-flow@"));
    }

    @Test
    void validationReportsEachProblemOnItsElementAndStoresNothing() {
        WorkflowDefinition broken = new WorkflowDefinition("checked-flow", "Checked", null, false, List.of(),
                List.of(),
                List.of(state("start", StateType.START, null),
                        state("review", StateType.NORMAL, ParticipantRule.of(ParticipantKind.ROLE, "no-such-role"))),
                List.of(new TransitionDef("go", "Go", "start", "nowhere", TransitionKind.AGREE, false, List.of())));

        JsonNode check = client.post(USER, "/workflows/validation", broken).expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();

        assertThat(check.get("valid").asBoolean()).isFalse();
        List<String> located = new ArrayList<>();
        check.get("problems").forEach(p -> located.add(p.get("element").asText() + ":" + p.path("key").asText("")));
        assertThat(located).contains("state:review", "transition:go", "workflow:");
        assertThat(check.get("problems").get(0).get("message").asText()).isNotBlank();
        client.get(USER, "/workflows/checked-flow/draft").expectStatus().isNotFound();

        JsonNode valid = client.post(USER, "/workflows/validation", Demo.leaveRequest()).expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(valid.get("valid").asBoolean()).isTrue();
        assertThat(valid.get("problems")).isEmpty();

        client.post(USER, "/workflows/validation", "[1]").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.code").isEqualTo("malformed-request");
        String secret = client.put(USER, "/apps/validation-caller", Map.of("name", "Caller", "workflows",
                        List.of("*"))).expectStatus().isCreated()
                .expectBody(JsonNode.class).returnResult().getResponseBody().get("secret").asText();
        client.as("validation-caller", secret).post("alice", "/workflows/validation", Demo.leaveRequest())
                .expectStatus().isForbidden().expectBody().jsonPath("$.code").isEqualTo("admin-required");
    }

    @Test
    void theOutlineOfAPublishedVersionIsForCallersGrantedTheWorkflowAndLeavesOutHowItIsRun() {
        importAndPublish(demoAs("outlined", "Outlined"));
        importAndPublish(demoAs("outlined", "Outlined, second"));
        String granted = client.put(USER, "/apps/outline-reader", Map.of("name", "Reader", "workflows",
                        List.of("outlined"))).expectStatus().isCreated()
                .expectBody(JsonNode.class).returnResult().getResponseBody().get("secret").asText();
        String other = client.put(USER, "/apps/outline-stranger", Map.of("name", "Stranger", "workflows",
                        List.of("leave-request"))).expectStatus().isCreated()
                .expectBody(JsonNode.class).returnResult().getResponseBody().get("secret").asText();

        JsonNode latest = client.as("outline-reader", granted).get("alice", "/workflows/outlined/outline")
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(latest.get("version").asInt()).isEqualTo(2);
        assertThat(latest.get("name").asText()).isEqualTo("Outlined, second");
        WorkflowDefinition demo = Demo.leaveRequest();
        assertThat(latest.get("states")).hasSize(demo.states().size());
        assertThat(latest.get("transitions")).hasSize(demo.transitions().size());
        assertThat(latest.get("fields")).hasSize(demo.fields().size());
        assertThat(latest.toString()).doesNotContain("participants", "hook", "timers", "notifications",
                "startPermission", "admins");
        assertThat(client.as("outline-reader", granted).get("alice", "/workflows/outlined/outline?version=1")
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody()
                .get("name").asText()).isEqualTo("Outlined");

        client.as("outline-stranger", other).get("alice", "/workflows/outlined/outline")
                .expectStatus().isForbidden().expectBody().jsonPath("$.code").isEqualTo("workflow-not-granted");
        client.get(USER, "/workflows/outlined/outline?version=9").expectStatus().isNotFound();
        client.get(USER, "/workflows/outlined/outline?version=latest").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.code").isEqualTo("invalid-input");
        client.get(USER, "/workflows/never-published/outline").expectStatus().isNotFound()
                .expectBody().jsonPath("$.code").isEqualTo("workflow-not-found");
    }

    @Test
    void republishingIncreasesTheVersionAndOldVersionsStayReadableUnchanged() {
        WorkflowDefinition first = demoAs("vacation", "Vacation");
        PublishedWorkflow v1 = importAndPublish(first);
        WorkflowDefinition second = demoAs("vacation", "Vacation (two approvers)");
        PublishedWorkflow v2 = importAndPublish(second);

        assertThat(v1.version()).isEqualTo(1);
        assertThat(v2.version()).isEqualTo(2);
        client.get(USER, "/workflows/vacation/versions/1").expectStatus().isOk()
                .expectBody(PublishedWorkflow.class).isEqualTo(v1);
        client.get(USER, "/workflows/vacation/versions/2").expectStatus().isOk()
                .expectBody(PublishedWorkflow.class).isEqualTo(v2);
        List<VersionInfo> versions = client.get(USER, "/workflows/vacation/versions").expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<List<VersionInfo>>() {
                }).returnResult().getResponseBody();
        assertThat(versions).extracting(VersionInfo::version).containsExactly(1, 2);
        assertThat(versions.get(0).publishedAt()).isEqualTo(v1.publishedAt());
        client.get(USER, "/workflows/vacation/versions/3").expectStatus().isNotFound();
        client.get(USER, "/workflows/vacation/versions/zero").expectStatus().isBadRequest();
    }

    @Test
    void concurrentPublishesGetDistinctConsecutiveVersionNumbers() {
        WorkflowDefinition definition = demoAs("parallel-flow", "Parallel");
        List<CompletableFuture<PublishedWorkflow>> publishes = new ArrayList<>();
        IntStream.range(0, 6).forEach(i -> publishes.add(CompletableFuture.supplyAsync(() -> importAndPublish(definition))));

        List<Integer> numbers = publishes.stream().map(CompletableFuture::join).map(PublishedWorkflow::version)
                .sorted().toList();

        assertThat(numbers).containsExactly(1, 2, 3, 4, 5, 6);
    }

    @Test
    void exportThenImportThenExportGivesTheIdenticalDocument() {
        importAndPublish(demoAs("roundtrip", "Round trip"));
        JsonNode exported = client.get(USER, "/workflows/roundtrip/export").expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();

        client.post(USER, "/workflows/import", exported.toString()).expectStatus().isCreated();
        JsonNode draft = client.get(USER, "/workflows/roundtrip/export?version=draft").expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        client.post(USER, "/workflows/import?publish=true", draft.toString()).expectStatus().isCreated()
                .expectBody().jsonPath("$.version").isEqualTo(2);
        JsonNode republished = client.get(USER, "/workflows/roundtrip/export?version=2").expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();

        assertThat(exported.get("key").asText()).isEqualTo("roundtrip");
        assertThat(exported.has("version")).isFalse();
        assertThat(draft).isEqualTo(exported);
        assertThat(republished).isEqualTo(exported);
        client.get(USER, "/workflows/roundtrip/export?version=7").expectStatus().isNotFound();
        client.get(USER, "/workflows/roundtrip/export?version=-1").expectStatus().isBadRequest();
    }

    @Test
    void aDraftIsSavedReplacedReadAndDeletedAndMustCarryThePathKey() {
        WorkflowDefinition draft = demoAs("draft-only", "Draft only");
        client.put(USER, "/workflows/draft-only/draft", draft).expectStatus().isCreated();
        client.put(USER, "/workflows/draft-only/draft", demoAs("draft-only", "Renamed")).expectStatus().isOk()
                .expectBody().jsonPath("$.updatedBy").isEqualTo(USER);
        client.get(USER, "/workflows/draft-only/draft").expectStatus().isOk()
                .expectBody().jsonPath("$.definition.name").isEqualTo("Renamed");
        client.put(USER, "/workflows/other-key/draft", draft).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.code").isEqualTo("invalid-input");
        client.put(USER, "/workflows/Bad_Key!/draft", draft).expectStatus().isBadRequest();

        client.delete(USER, "/workflows/draft-only/draft").expectStatus().isNoContent();

        client.get(USER, "/workflows/draft-only/draft").expectStatus().isNotFound();
        client.delete(USER, "/workflows/draft-only/draft").expectStatus().isNotFound();
        client.post(USER, "/workflows/draft-only/publish", null).expectStatus().isNotFound();
    }

    @Test
    void nullEntriesInADefinitionsListsAndMapsAreRefused400NamingTheField() {
        Map<String, String> bad = new java.util.LinkedHashMap<>();
        bad.put("Expected states without null entries, but the entry at index 1 is null",
                "\"states\":[{\"key\":\"a\",\"type\":\"START\"},null]");
        bad.put("Expected a state's fields.days to be set, but it is null",
                "\"states\":[{\"key\":\"a\",\"type\":\"START\",\"fields\":{\"days\":null}}]");
        bad.put("Expected a participant rule's values without null entries",
                "\"states\":[{\"key\":\"a\",\"participants\":{\"kind\":\"USERS\",\"values\":[null]}}]");
        bad.put("Expected a transition's routes without null entries", "\"transitions\":[{\"key\":\"t\","
                + "\"routes\":[null]}]");
        bad.put("Expected admins without null entries", "\"admins\":[null]");
        bad.put("Expected a field's options without null entries",
                "\"fields\":[{\"key\":\"f\",\"type\":\"SINGLE_CHOICE\",\"options\":[\"x\",null]}]");
        bad.put("Expected a hook's fields.days to be set", "\"states\":[{\"key\":\"a\",\"hook\":{\"url\":"
                + "\"http://hooks.example\",\"fields\":{\"days\":null}}}]");
        bad.put("Expected the start permission's roles without null entries",
                "\"startPermission\":{\"roles\":[null]}");
        bad.forEach((problem, part) -> {
            String body = "{\"key\":\"null-flow\",\"name\":\"Null flow\"," + part + "}";
            client.put(USER, "/workflows/null-flow/draft", body).expectStatus().isBadRequest()
                    .expectHeader().contentType("application/problem+json")
                    .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains(problem));
            client.post(USER, "/workflows/import?publish=true", body).expectStatus().isBadRequest()
                    .expectHeader().contentType("application/problem+json")
                    .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains(problem));
        });
        client.get(USER, "/workflows/null-flow/draft").expectStatus().isNotFound();
    }

    @Test
    void theListShowsLatestVersionDraftFlagAndPublicationTime() {
        PublishedWorkflow published = importAndPublish(demoAs("listed", "Listed"));
        client.put(USER, "/workflows/listed/draft", demoAs("listed", "Listed, edited")).expectStatus().isCreated();
        client.put(USER, "/workflows/unpublished/draft", demoAs("unpublished", "Unpublished")).expectStatus().isCreated();

        List<WorkflowSummary> list = client.get(USER, "/workflows").expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<List<WorkflowSummary>>() {
                }).returnResult().getResponseBody();

        assertThat(list).contains(new WorkflowSummary("listed", "Listed", 1, true, published.publishedAt()),
                new WorkflowSummary("unpublished", "Unpublished", null, true, null));
    }

    private PublishedWorkflow importAndPublish(WorkflowDefinition definition) {
        return client.post(USER, "/workflows/import?publish=true", definition).expectStatus().isCreated()
                .expectBody(PublishedWorkflow.class).returnResult().getResponseBody();
    }

    private static StateDef state(String key, StateType type, ParticipantRule participants) {
        return new StateDef(key, key, type, 1, false, null, participants, null);
    }
}
