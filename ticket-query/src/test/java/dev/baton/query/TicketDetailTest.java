package dev.baton.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Autowired;
import dev.baton.support.replica.WorkflowCatalog;
import dev.baton.support.replica.DirectoryReplica;
import dev.baton.api.workflow.WorkflowDefinition;
import dev.baton.api.workflow.ViewPermission;
import dev.baton.api.workflow.PublishedWorkflow;
import dev.baton.api.directory.DirectoryUser;
import dev.baton.api.directory.DirectoryRecords;
import dev.baton.api.Topics;
import dev.baton.api.ticket.Assignment;
import dev.baton.api.ticket.TicketStatus;
import dev.baton.api.ticket.event.CountersignRecorded;
import dev.baton.api.ticket.event.FieldsPatched;
import dev.baton.api.ticket.event.TicketCopied;
import dev.baton.api.ticket.event.TicketDeleted;
import dev.baton.api.ticket.event.TicketMigrated;
import dev.baton.api.ticket.event.TicketAccepted;
import dev.baton.api.ticket.event.TicketJumped;
import dev.baton.api.ticket.event.TicketReassigned;
import dev.baton.api.ticket.event.TicketReleased;
import dev.baton.api.ticket.event.TicketSentBack;
import dev.baton.api.ticket.event.TicketWithdrawn;
import dev.baton.api.workflow.Distribution;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class TicketDetailTest extends QueryTestBase {
    private static final Instant DAY = Instant.parse("2026-05-01T09:00:00Z");

    @Test
    void aRestrictedTicketIsShownOnlyToRelatedUsersWorkflowAdminsAndAdminCallers() {
        String alice = user("alice"), lena = user("lena"), stranger = user("stranger");
        TicketStory story = ticket().create(alice, "Private", DAY).submit(lena).projected();
        String path = "/tickets/" + story.id;

        assertThat(problem(hr(), stranger, path, 403).get("code").asText()).isEqualTo("not-allowed-to-view");
        assertThat(problem(hr(), stranger, path + "/flow-log", 403).get("code").asText()).isEqualTo("not-allowed-to-view");
        assertThat(ok(hr(), alice, path).get("ticketId").asText()).isEqualTo(story.id);
        assertThat(ok(hr(), lena, path).get("ticketId").asText()).isEqualTo(story.id);
        assertThat(ok(hr(), "admin", path).get("ticketId").asText()).isEqualTo(story.id);
        assertThat(ok(admin(), stranger, path).get("ticketId").asText()).isEqualTo(story.id);
    }

    @Test
    void anUnrestrictedTicketIsShownToAnyUserOfAGrantedCaller() {
        String alice = user("alice"), stranger = user("stranger");
        TicketStory story = ticket().create(alice, "Public", DAY, 2, "LR-OPEN-1", Map.of("days", 1L)).projected();

        JsonNode detail = ok(hr(), stranger, "/tickets/" + story.id);

        assertThat(actionsOf(detail)).isEqualTo(actions(List.of(), "comment"));
        assertThat(problem(other(), alice, "/tickets/" + story.id, 404).get("code").asText())
                .isEqualTo("ticket-not-found");
    }

    @Test
    void theCreatorAtTheStartStateMaySubmitCloseAndEditTheStartFields() {
        String alice = user("alice");
        TicketStory story = ticket().create(alice, "Draft", DAY, 1, "LR-D-1", Map.of("days", 3L)).projected();

        JsonNode detail = ok(hr(), alice, "/tickets/" + story.id);

        assertThat(detail.get("status").asText()).isEqualTo("DRAFT");
        assertThat(detail.get("version").asLong()).isZero();
        assertThat(actionsOf(detail)).isEqualTo(actions(List.of("submit"), "transfer", "addSign", "patchFields", "cc", "close", "comment"));
        assertThat(fields(detail)).containsExactly(
                Map.entry("days", "REQUIRED=3"), Map.entry("reason", "OPTIONAL=null"),
                Map.entry("start_date", "OPTIONAL=null"));
        assertThat(detail.at("/fields/0/label").asText()).isEqualTo("Days");
        assertThat(detail.at("/fields/0/type").asText()).isEqualTo("INTEGER");
    }

    @Test
    void theParticipantMayHandleTransferAndAddSignWhileOthersOnlyComment() {
        String alice = user("alice"), lena = user("lena");
        TicketStory story = ticket().create(alice, "At the leader", DAY).submit(lena).projected();
        String path = "/tickets/" + story.id;

        JsonNode leader = ok(hr(), lena, path);
        assertThat(actionsOf(leader)).isEqualTo(
                actions(List.of("leader_approve", "leader_reject"), "transfer", "addSign", "sendBack", "patchFields",
                        "cc", "comment"));
        assertThat(leader.at("/actions/transitions/1").toString())
                .isEqualTo("{\"key\":\"leader_reject\",\"name\":\"Reject\",\"kind\":\"REJECT\"}");
        assertThat(fields(leader)).containsExactly(Map.entry("days", "READ_ONLY=2"),
                Map.entry("reason", "READ_ONLY=holiday"), Map.entry("start_date", "READ_ONLY=null"));
        assertThat(leader.at("/assignment").toString()).isEqualTo("{\"distribution\":\"ANY_ONE\",\"users\":[\""
                + lena + "\"],\"awaitingAccept\":false,\"done\":[],\"signRequestedBy\":null,\"queue\":[],\"pool\":[],"
                + "\"onBehalfOf\":{},\"participants\":[\"" + lena + "\"],\"next\":[],\"candidates\":[]}");

        JsonNode creator = ok(hr(), alice, path);
        assertThat(actionsOf(creator)).isEqualTo(actions(List.of(), "withdraw", "cc", "remind", "comment"));

        JsonNode workflowAdmin = ok(hr(), "admin", path);
        assertThat(actionsOf(workflowAdmin)).isEqualTo(actions(List.of(), "reassign", "jump", "patchFields", "cc",
                "remind", "close", "delete", "comment"));
    }

    @Test
    void aCandidateAwaitingAcceptMayOnlyAcceptAndSeesEditableFieldsReadOnly() {
        String alice = user("alice"), lena = user("lena"), ops1 = user("ops1"), ops2 = user("ops2");
        TicketStory story = ticket().create(alice, "At ops", DAY, 2, "LR-OPS-1", Map.of("days", 1L)).submit(lena)
                .handle(lena, "leader_approve", "ops_handling", Assignment.of(Distribution.ACCEPT_FIRST, List.of(ops1, ops2)),
                        TicketStatus.IN_PROGRESS, Map.of(), null)
                .projected();
        String path = "/tickets/" + story.id;

        JsonNode candidate = ok(hr(), ops2, path);
        assertThat(actionsOf(candidate)).isEqualTo(actions(List.of(), "accept", "cc", "comment"));
        assertThat(candidate.at("/assignment/awaitingAccept").asBoolean()).isTrue();
        assertThat(fields(candidate)).containsEntry("ops_note", "READ_ONLY=null");

        story.accept(ops1).projected();
        JsonNode handler = ok(hr(), ops1, path);
        assertThat(actionsOf(handler)).isEqualTo(actions(List.of("complete"), "transfer", "addSign", "sendBack",
                "patchFields", "cc", "comment"));
        assertThat(fields(handler)).containsEntry("ops_note", "OPTIONAL=null");
        assertThat(actionsOf(ok(hr(), ops2, path)))
                .isEqualTo(actions(List.of(), "cc", "comment"));
    }

    @Test
    void theAcceptorMayReleaseTheTicketBackToTheCandidates() {
        String alice = user("alice"), lena = user("lena"), ops1 = user("ops1"), ops2 = user("ops2");
        TicketStory story = ticket().create(alice, "Released", DAY, 2, "LR-REL-1", Map.of("days", 1L)).submit(lena)
                .handle(lena, "leader_approve", "ops_handling", Assignment.of(Distribution.ACCEPT_FIRST, List.of(ops1, ops2)),
                        TicketStatus.IN_PROGRESS, Map.of(), null);
        story.send(new TicketAccepted(story.id, ops1, DAY.plusSeconds(30), new Assignment(Distribution.ACCEPT_FIRST,
                List.of(ops1), false, List.of(), null, List.of(), List.of(ops1, ops2)))).projected();
        String path = "/tickets/" + story.id;

        JsonNode acceptor = ok(hr(), ops1, path);
        assertThat(actionsOf(acceptor)).isEqualTo(actions(List.of("complete"), "release", "transfer",
                "addSign", "sendBack", "patchFields", "cc", "comment"));
        assertThat(acceptor.at("/assignment/pool").toString()).isEqualTo("[\"" + ops1 + "\",\"" + ops2 + "\"]");

        story.send(new TicketReleased(story.id, ops1, DAY.plusSeconds(60), "no time",
                Assignment.of(Distribution.ACCEPT_FIRST, List.of(ops1, ops2)))).projected();
        assertThat(actionsOf(ok(hr(), ops2, path))).isEqualTo(actions(List.of(), "accept", "cc", "comment"));
        assertThat(ok(hr(), ops2, path).at("/assignment/pool").size()).isZero();
    }

    @Test
    void aSequenceShowsWhoIsNextAndOnlyTheCurrentOneMayAct() {
        String alice = user("alice"), lena = user("lena"), sam = user("sam");
        TicketStory story = ticket().create(alice, "In line", DAY).submit(lena).projected();
        story.send(new CountersignRecorded(story.id, lena, DAY.plusSeconds(60), TicketStory.transition("leader_approve"),
                TicketStory.state("leader_approval"), Map.of(), null, new Assignment(Distribution.SEQUENTIAL,
                List.of(sam), false, List.of(lena), null, List.of(alice), List.of()))).projected();
        String path = "/tickets/" + story.id;

        JsonNode current = ok(hr(), sam, path);
        assertThat(current.at("/assignment/queue").toString()).isEqualTo("[\"" + alice + "\"]");
        assertThat(current.at("/assignment/done").toString()).isEqualTo("[\"" + lena + "\"]");
        assertThat(actionsOf(current)).isEqualTo(
                actions(List.of("leader_approve", "leader_reject"), "transfer", "addSign", "sendBack", "patchFields",
                        "cc", "comment"));
        assertThat(ok(hr(), lena, path).at("/actions/transitions").size()).isZero();
    }

    @Test
    void aTicketSentBackOrWithdrawnIsWhereItWasSentWithTheActionInItsFlowLog() {
        String alice = user("alice"), lena = user("lena");
        TicketStory story = ticket().create(alice, "Back and forth", DAY).submit(lena);
        Assignment withAlice = Assignment.of(Distribution.ANY_ONE, List.of(alice));
        story.send(new TicketSentBack(story.id, lena, DAY.plusSeconds(60), TicketStory.state("leader_approval"),
                TicketStory.state("draft"), "which dates?", withAlice, TicketStatus.DRAFT,
                TicketStory.state("leader_approval"))).projected();
        String path = "/tickets/" + story.id;

        JsonNode sentBack = ok(hr(), alice, path);
        assertThat(sentBack.at("/state/key").asText()).isEqualTo("draft");
        assertThat(sentBack.get("status").asText()).isEqualTo("DRAFT");
        assertThat(actionsOf(sentBack)).isEqualTo(actions(List.of("submit"), "transfer", "addSign", "patchFields", "cc", "close", "comment"));
        JsonNode entry = lastFlowLogEntry(alice, path);
        assertThat(entry.get("action").asText()).isEqualTo("sendBack");
        assertThat(entry.at("/details/returnTo").asText()).isEqualTo("leader_approval");
        assertThat(entry.at("/snapshot/assignment/users/0").asText()).isEqualTo(alice);

        story.submit(lena);
        story.send(new TicketWithdrawn(story.id, alice, DAY.plusSeconds(180), TicketStory.state("leader_approval"),
                TicketStory.state("draft"), "not yet", withAlice)).projected();
        JsonNode withdrawn = ok(hr(), alice, path);
        assertThat(withdrawn.get("status").asText()).isEqualTo("DRAFT");
        assertThat(withdrawn.at("/assignment/users/0").asText()).isEqualTo(alice);
        assertThat(lastFlowLogEntry(alice, path).get("action").asText()).isEqualTo("withdraw");
        assertThat(ok(hr(), lena, path).at("/actions/transitions").size()).isZero();
    }

    @Test
    void anAdminReassignmentAndJumpShowInTheDetailAndTheFlowLog() {
        String alice = user("alice"), lena = user("lena"), bob = user("bob");
        TicketStory story = ticket().create(alice, "Forced", DAY).submit(lena);
        story.send(new TicketReassigned(story.id, "admin", DAY.plusSeconds(60), List.of(lena), false, "lena is away",
                Assignment.of(Distribution.ANY_ONE, List.of(bob)))).projected();
        String path = "/tickets/" + story.id;

        assertThat(ok(hr(), bob, path).at("/actions/transitions").size()).isEqualTo(2);
        assertThat(ok(hr(), lena, path).at("/actions/transitions").size()).isZero();
        JsonNode reassigned = lastFlowLogEntry(alice, path);
        assertThat(reassigned.get("action").asText()).isEqualTo("reassign");
        assertThat(reassigned.at("/details/from/0").asText()).isEqualTo(lena);
        assertThat(reassigned.at("/details/to/0").asText()).isEqualTo(bob);
        assertThat(reassigned.get("comment").asText()).isEqualTo("lena is away");

        story.send(new TicketJumped(story.id, "admin", DAY.plusSeconds(120), TicketStory.state("leader_approval"),
                TicketStory.state("done"), "done elsewhere", Assignment.nobody(), TicketStatus.FINISHED)).projected();
        JsonNode jumped = ok(hr(), alice, path);
        assertThat(jumped.get("status").asText()).isEqualTo("FINISHED");
        assertThat(jumped.at("/state/key").asText()).isEqualTo("done");
        assertThat(lastFlowLogEntry(alice, path).get("action").asText()).isEqualTo("jump");
    }

    @Test
    void aCopiedUserFindsTheTicketInTheirCcListMayReadItAndSeesPatchesInTheFlowLog() {
        String alice = user("alice"), lena = user("lena"), sue = user("sue");
        TicketStory story = ticket().create(alice, "Copied", DAY).submit(lena).projected();
        String path = "/tickets/" + story.id;
        problem(hr(), sue, path, 403);

        story.send(new TicketCopied(story.id, alice, DAY.plusSeconds(60), List.of(sue), "for your calendar"))
                .send(new FieldsPatched(story.id, "admin", DAY.plusSeconds(120),
                        List.of(new FieldsPatched.Change("reason", "holiday", "family")), "typo"))
                .projected();

        assertThat(ok(hr(), sue, "/tickets/cc").get("items")).extracting(i -> i.get("ticketId").asText())
                .containsExactly(story.id);
        assertThat(ok(hr(), sue, "/tickets/related").get("items")).isEmpty();
        assertThat(ok(hr(), alice, "/tickets/cc").get("items")).isEmpty();
        JsonNode copied = ok(hr(), sue, path);
        assertThat(fields(copied)).containsEntry("reason", "READ_ONLY=family");
        assertThat(actionsOf(copied)).isEqualTo(actions(List.of(), "cc", "comment"));
        JsonNode patch = lastFlowLogEntry(sue, path);
        assertThat(patch.get("action").asText()).isEqualTo("patch");
        assertThat(patch.at("/details/changes/0/before").asText()).isEqualTo("holiday");
        assertThat(patch.at("/details/changes/0/after").asText()).isEqualTo("family");
    }

    @Test
    void aDeletedTicketIsGoneForUsersAndListsButAdminsStillReadIt() {
        String alice = user("alice"), lena = user("lena");
        TicketStory story = ticket().create(alice, "Deleted", DAY).submit(lena);
        story.send(new TicketDeleted(story.id, "admin", DAY.plusSeconds(60), "test data")).projected();
        String path = "/tickets/" + story.id;

        assertThat(problem(hr(), alice, path, 404).get("code").asText()).isEqualTo("ticket-not-found");
        problem(hr(), lena, path + "/flow-log", 404);
        assertThat(ok(hr(), alice, "/tickets/created").get("items")).isEmpty();
        assertThat(ok(hr(), lena, "/tickets/todo").get("items")).isEmpty();
        assertThat(ok(admin(), "root", "/tickets/all").get("items")).extracting(i -> i.get("ticketId").asText())
                .doesNotContain(story.id);
        JsonNode forAdmin = ok(hr(), "admin", path);
        assertThat(forAdmin.get("status").asText()).isEqualTo("DELETED");
        assertThat(actionsOf(forAdmin)).isEqualTo(actions(List.of()));
        assertThat(lastFlowLogEntry("admin", path).get("action").asText()).isEqualTo("delete");
    }

    @Autowired
    DirectoryReplica directory;
    @Autowired
    WorkflowCatalog catalog;

    @Test
    void aViewerTheWorkflowAdmitsReadsOnlyTheFieldsItShowsAndMayNotAct() throws Exception {
        String alice = user("alice"), lena = user("lena"), auditor = user("auditor"), stranger = user("stranger");
        for (String name : List.of(auditor, stranger)) {
            kafka.send(Topics.CONFIG_DIRECTORY, DirectoryRecords.userKey(name), JSON.writeValueAsString(
                    new DirectoryUser(name, name, null, true, List.of(), List.of()))).get();
        }
        WorkflowDefinition audited = new WorkflowDefinition(LEAVE_REQUEST.key(), LEAVE_REQUEST.name(),
                LEAVE_REQUEST.description(), true, LEAVE_REQUEST.admins(), LEAVE_REQUEST.fields(),
                LEAVE_REQUEST.states(), LEAVE_REQUEST.transitions(), null,
                new ViewPermission(List.of(auditor), List.of(), List.of(), List.of("days")));
        int version = 100 + (int) (System.nanoTime() % 1000);
        kafka.send(Topics.CONFIG_WORKFLOWS, PublishedWorkflow.recordKey(LEAVE_REQUEST.key(), version),
                JSON.writeValueAsString(new PublishedWorkflow(LEAVE_REQUEST.key(), version, DAY, "admin", audited)))
                .get();
        await().atMost(Duration.ofSeconds(30)).until(() -> catalog.version(LEAVE_REQUEST.key(), version).isPresent()
                && directory.view().user(stranger).isPresent());
        TicketStory story = ticket().create(alice, "Audited", DAY, version, "LR-AUD-1",
                Map.of("days", 4L, "reason", "private")).submit(lena).projected();
        String path = "/tickets/" + story.id;

        JsonNode viewed = ok(hr(), auditor, path);
        assertThat(fields(viewed)).containsExactly(Map.entry("days", "READ_ONLY=4"));
        assertThat(actionsOf(viewed)).isEqualTo(actions(List.of()));
        JsonNode log = ok(hr(), auditor, path + "/flow-log").get("entries");
        assertThat(log.get(0).at("/snapshot/fields").toString()).isEqualTo("{\"days\":4}");
        assertThat(log.get(0).at("/details/fields").toString()).isEqualTo("{\"days\":4}");
        assertThat(problem(hr(), stranger, path, 403).get("code").asText()).isEqualTo("not-allowed-to-view");
        assertThat(fields(ok(hr(), lena, path))).containsEntry("reason", "READ_ONLY=private");
    }

    @Test
    void aMigratedTicketIsReadAgainstItsNewVersion() {
        String alice = user("alice"), lena = user("lena"), stranger = user("stranger");
        TicketStory story = ticket().create(alice, "Migrated", DAY).submit(lena).projected();
        String path = "/tickets/" + story.id;
        problem(hr(), stranger, path, 403);

        // version 2 of the test workflow no longer restricts viewing
        story.send(new TicketMigrated(story.id, "admin", DAY.plusSeconds(60), 1, 2,
                TicketStory.state("leader_approval"), TicketStory.state("leader_approval"), "opened up",
                Assignment.of(Distribution.ANY_ONE, List.of(lena)), Map.of())).projected();
        JsonNode migrated = ok(hr(), stranger, path);
        assertThat(migrated.get("workflowVersion").asInt()).isEqualTo(2);
        assertThat(lastFlowLogEntry(stranger, path).get("action").asText()).isEqualTo("migrate");
        assertThat(lastFlowLogEntry(stranger, path).at("/details/toVersion").asInt()).isEqualTo(2);
    }

    private JsonNode lastFlowLogEntry(String user, String ticketPath) {
        JsonNode entries = ok(hr(), user, ticketPath + "/flow-log").get("entries");
        return entries.get(entries.size() - 1);
    }

    @Test
    void anAddedSignerMayOnlyFinishTheSignAndTheRequesterWaits() {
        String alice = user("alice"), lena = user("lena"), sue = user("sue");
        TicketStory story = ticket().create(alice, "Second opinion", DAY).submit(lena).addSign(lena, sue).projected();
        String path = "/tickets/" + story.id;

        JsonNode signer = ok(hr(), sue, path);
        assertThat(actionsOf(signer)).isEqualTo(actions(List.of(), "finishSign", "cc", "comment"));
        assertThat(signer.at("/assignment/signRequestedBy").asText()).isEqualTo(lena);
        assertThat(actionsOf(ok(hr(), lena, path)))
                .isEqualTo(actions(List.of(), "cc", "comment"));

        story.finishSign(sue).projected();
        assertThat(ok(hr(), lena, path).at("/actions/transitions").size()).isEqualTo(2);
        assertThat(ok(hr(), sue, path).at("/actions/finishSign").asBoolean()).isFalse();
    }

    @Test
    void aFinishedTicketOnlyTakesCommentsAndShowsEveryFieldReadOnlyWhereTheStateListsNone() {
        String alice = user("alice"), lena = user("lena"), ops1 = user("ops1");
        TicketStory story = ticket().create(alice, "Finished", DAY, 3, "LR-FIN-1", Map.of("days", 1L)).submit(lena)
                .handle(lena, "leader_approve", "ops_handling", Assignment.of(Distribution.ACCEPT_FIRST, List.of(ops1)),
                        TicketStatus.IN_PROGRESS, Map.of(), null)
                .handle(ops1, "complete", "done", Assignment.nobody(), TicketStatus.FINISHED, Map.of("ops_note", "ok"), null)
                .projected();

        JsonNode detail = ok(hr(), ops1, "/tickets/" + story.id);

        assertThat(detail.get("status").asText()).isEqualTo("FINISHED");
        assertThat(actionsOf(detail)).isEqualTo(actions(List.of(), "cc", "comment"));
        assertThat(fields(detail)).containsExactly(Map.entry("days", "READ_ONLY=1"), Map.entry("reason", "READ_ONLY=null"),
                Map.entry("start_date", "READ_ONLY=null"), Map.entry("ops_note", "READ_ONLY=ok"));
        assertThat(ok(admin(), "root", "/tickets/" + story.id).at("/actions/close").asBoolean()).isFalse();
    }

    @Test
    void batchStatesAnswerForKnownTicketsOfGrantedWorkflowsOnly() {
        String alice = user("alice"), lena = user("lena");
        TicketStory draft = ticket().create(alice, "One", DAY).projected();
        TicketStory submitted = ticket().create(alice, "Two", DAY).submit(lena).projected();
        String path = "/tickets/states?ids=" + draft.id + "," + submitted.id + ",T-unknown";

        JsonNode states = ok(hr(), alice, path);

        assertThat(states.size()).isEqualTo(2);
        assertThat(states.get(draft.id).toString()).isEqualTo(
                "{\"state\":{\"key\":\"draft\",\"name\":\"Draft\",\"type\":\"START\"},\"status\":\"DRAFT\",\"version\":0}");
        assertThat(states.at("/" + submitted.id + "/state/key").asText()).isEqualTo("leader_approval");
        assertThat(states.at("/" + submitted.id + "/version").asLong()).isEqualTo(1);
        assertThat(ok(other(), alice, path).size()).isZero();
        String tooMany = "/tickets/states?ids=" + String.join(",", java.util.Collections.nCopies(101, "x")
                .stream().map(x -> user("t")).toList());
        assertThat(problem(hr(), alice, tooMany, 400).get("code").asText()).isEqualTo("invalid-input");
    }

    @Test
    void theFormerAssignmentNamesAreMarkedDeprecatedInTheOpenApiDescription() {
        JsonNode schemas = read(hr().get("alice", "/v3/api-docs").expectStatus().isOk().expectBody(String.class)
                .returnResult().getResponseBody()).at("/components/schemas");

        for (String former : List.of("participants", "next", "candidates")) {
            assertThat(schemas.at("/AssignmentView/properties/" + former + "/deprecated").asBoolean()).as(former).isTrue();
        }
        for (String current : List.of("users", "queue", "pool")) {
            assertThat(schemas.at("/AssignmentView/properties/" + current).isObject()).as(current).isTrue();
            assertThat(schemas.at("/AssignmentView/properties/" + current + "/deprecated").asBoolean()).as(current).isFalse();
        }
        assertThat(schemas.at("/TicketSummary/properties/participants/deprecated").asBoolean()).isTrue();
        assertThat(schemas.at("/TicketSummary/properties/users").isObject()).isTrue();
    }

    /** The detail's actions: the transitions, and which of the other actions are allowed. */
    private static String actions(List<String> transitions, String... allowed) {
        List<String> granted = List.of(allowed);
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("transitions", transitions);
        for (String action : List.of("accept", "release", "finishSign", "transfer", "addSign", "sendBack", "withdraw",
                "reassign", "jump", "patchFields", "cc", "remind", "close", "delete", "comment")) {
            expected.put(action, granted.contains(action));
        }
        return JSON.valueToTree(expected).toString();
    }

    /** The detail's actions with each transition shortened to its key. */
    private static String actionsOf(JsonNode detail) {
        com.fasterxml.jackson.databind.node.ObjectNode actions = detail.get("actions").deepCopy();
        com.fasterxml.jackson.databind.node.ArrayNode keys = JSON.createArrayNode();
        actions.get("transitions").forEach(t -> keys.add(t.get("key").asText()));
        actions.set("transitions", keys);
        return actions.toString();
    }

    /** field key → ACCESS=value, in the definition's order. */
    private static Map<String, String> fields(JsonNode detail) {
        Map<String, String> fields = new LinkedHashMap<>();
        detail.get("fields").forEach(f -> fields.put(f.get("key").asText(),
                f.get("access").asText() + "=" + (f.get("value").isNull() ? "null" : f.get("value").asText())));
        return fields;
    }
}
