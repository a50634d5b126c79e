package dev.baton.query;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.api.ticket.Assignment;
import dev.baton.api.ticket.TicketSnapshot;
import dev.baton.api.ticket.TicketStatus;
import dev.baton.api.workflow.Distribution;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ProjectionTest extends QueryTestBase {

    @Test
    void theSameEventDeliveredTwiceChangesNothing() {
        String alice = user("alice"), lena = user("lena");
        TicketStory story = ticket().create(alice, "Two days off", Instant.parse("2026-03-01T08:00:00Z"))
                .submit(lena).projected();
        List<JsonNode> logBefore = flowLog(story.id);
        JsonNode detailBefore = ok(admin(), "root", "/tickets/" + story.id);

        story.produce(story.sent(1));
        story.produce(story.sent(0));
        story.comment(alice, "marker").projected();

        assertThat(flowLog(story.id)).hasSize(3).startsWith(logBefore.toArray(JsonNode[]::new));
        assertThat(ok(admin(), "root", "/tickets/" + story.id).get("state")).isEqualTo(detailBefore.get("state"));
        assertThat(story.projectedVersion()).isEqualTo(2);
    }

    @Test
    void anOlderEventRedeliveredLaterChangesNothing() {
        String alice = user("alice"), lena = user("lena"), ops1 = user("ops1"), ops2 = user("ops2");
        TicketStory story = ticket().create(alice, "Redelivery", Instant.parse("2026-03-02T08:00:00Z"))
                .submit(lena)
                .handle(lena, "leader_approve", "ops_handling", Assignment.of(Distribution.ACCEPT_FIRST, List.of(ops1, ops2)),
                        TicketStatus.IN_PROGRESS, Map.of(), "ok")
                .accept(ops1).projected();

        story.produce(story.sent(2));
        story.comment(ops1, "marker").projected();

        JsonNode todoOps2 = ok(hr(), ops2, "/tickets/todo");
        assertThat(todoOps2.get("items")).isEmpty();
        JsonNode detail = ok(hr(), ops1, "/tickets/" + story.id);
        assertThat(detail.at("/assignment/users").toString()).isEqualTo("[\"" + ops1 + "\"]");
        assertThat(detail.at("/assignment/awaitingAccept").asBoolean()).isFalse();
        assertThat(flowLog(story.id)).hasSize(5);
    }

    @Test
    void anEventThatArrivesBeforeItsPredecessorWaitsForIt() {
        String alice = user("alice"), lena = user("lena");
        TicketStory story = ticket().create(alice, "Out of order", Instant.parse("2026-03-03T08:00:00Z")).projected();
        ProducerRecord<String, String> submit = story.hold(s -> s.submit(lena));
        story.comment(lena, "arrives first");

        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5))
                .until(() -> story.projectedVersion() == 0);
        assertThat(ok(hr(), lena, "/tickets/todo").get("items")).isEmpty();

        story.produce(submit);
        story.projected();

        assertThat(flowLog(story.id)).extracting(entry -> entry.get("eventType").asText())
                .containsExactly("TicketCreated", "TicketHandled", "CommentAdded");
        assertThat(ok(hr(), lena, "/tickets/todo").at("/items/0/ticketId").asText()).isEqualTo(story.id);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM parked_event WHERE ticket_id = ?", Long.class, story.id))
                .isZero();
    }

    @Test
    void eventsOfUnknownTypesAreSkipped() {
        String alice = user("alice"), lena = user("lena");
        TicketStory story = ticket().create(alice, "Tolerant", Instant.parse("2026-03-04T08:00:00Z")).projected();
        ProducerRecord<String, String> unknown = new ProducerRecord<>(story.sent(0).topic(), story.id, "{\"new\":true}");
        TicketStory.header(unknown, "ce_type", "dev.baton.ticket.TicketRenamed.v1");
        TicketStory.header(unknown, "ce_sequence", "1");
        story.produce(unknown);
        story.submit(lena).projected();

        assertThat(ok(hr(), alice, "/tickets/" + story.id).at("/state/key").asText()).isEqualTo("leader_approval");
    }

    @Test
    void anUnreadableRecordIsParkedAndDoesNotBlockTheRecordsBehindIt() {
        String alice = user("alice"), lena = user("lena");
        TicketStory story = ticket().create(alice, "Garbage", Instant.parse("2026-03-06T08:00:00Z")).projected();
        ProducerRecord<String, String> garbage = new ProducerRecord<>(story.sent(0).topic(), story.id, "{not json");
        TicketStory.header(garbage, "ce_type", "dev.baton.ticket.TicketHandled.v1");
        TicketStory.header(garbage, "ce_sequence", "1");
        story.produce(garbage);
        story.submit(lena).projected();

        assertThat(jdbc.queryForObject("SELECT count(*) FROM parked_event WHERE ticket_id = ? AND reason = 'unreadable'",
                Long.class, story.id)).isEqualTo(1);
    }

    @Test
    void everyFlowLogEntryHoldsTheTicketAsItWasRightAfterThatAction() {
        String alice = user("alice"), lena = user("lena"), dina = user("dina"), dirk = user("dirk"),
                ops1 = user("ops1"), sue = user("sue");
        TicketStory story = ticket().create(alice, "Long leave", Instant.parse("2026-03-05T08:00:00Z"),
                        1, "LR-0001", Map.of("days", 5L))
                .submit(lena)
                .handle(lena, "leader_approve", "director_approval",
                        Assignment.of(Distribution.ACCEPT_FIRST, List.of(dina, dirk)), TicketStatus.IN_PROGRESS,
                        Map.of(), "too long for me")
                .accept(dina)
                .addSign(dina, sue)
                .finishSign(sue)
                .transfer(dina, dirk)
                .handle(dirk, "director_approve", "ops_handling", Assignment.of(Distribution.ACCEPT_FIRST, List.of(ops1)),
                        TicketStatus.IN_PROGRESS, Map.of(), null)
                .comment(alice, "thanks")
                .handle(ops1, "complete", "done", Assignment.nobody(), TicketStatus.FINISHED,
                        Map.of("ops_note", "booked"), "done")
                .projected();

        JsonNode log = ok(hr(), alice, "/tickets/" + story.id + "/flow-log");

        JsonNode entries = log.get("entries");
        assertThat(entries).hasSize(10);
        assertThat(entries.findValuesAsText("action")).containsExactly("create", "handle", "handle", "accept",
                "addSign", "finishSign", "transfer", "handle", "comment", "handle");
        for (int seq = 0; seq < 10; seq++) {
            JsonNode entry = entries.get(seq);
            assertThat(entry.get("seq").asLong()).isEqualTo(seq);
            TicketSnapshot logged = JSON.convertValue(entry.get("snapshot"), TicketSnapshot.class);
            assertThat(logged).as("snapshot after event %d", seq).isEqualTo(story.snapshot(seq));
        }
        assertThat(entries.get(2).at("/transition/key").asText()).isEqualTo("leader_approve");
        assertThat(entries.get(2).at("/fromState/key").asText()).isEqualTo("leader_approval");
        assertThat(entries.get(2).at("/toState/key").asText()).isEqualTo("director_approval");
        assertThat(entries.get(2).get("comment").asText()).isEqualTo("too long for me");
        assertThat(entries.get(4).at("/details/to").asText()).isEqualTo(sue);
        assertThat(entries.get(0).get("fromState").isNull()).isTrue();
        assertThat(entries.get(9).at("/snapshot/status").asText()).isEqualTo("FINISHED");
        assertThat(entries.get(9).at("/snapshot/fields/ops_note").asText()).isEqualTo("booked");
    }

    @Test
    void aDelegatorSeesTheWorkTheirDelegateDoesForThemAndTheFlowLogNamesBoth() {
        String alice = user("alice"), lena = user("lena"), bob = user("bob"), ops1 = user("ops1");
        Instant at = Instant.parse("2026-03-05T08:00:00Z");
        TicketStory story = ticket().create(alice, "Delegated", at)
                .handle(alice, "submit", "leader_approval", Assignment.of(Distribution.ANY_ONE, List.of(bob))
                        .withOnBehalfOf(Map.of(bob, lena)), TicketStatus.IN_PROGRESS, Map.of(), null)
                .projected();

        assertThat(ok(hr(), bob, "/tickets/todo").get("items")).extracting(i -> i.get("ticketId").asText())
                .containsExactly(story.id);
        assertThat(ok(hr(), lena, "/tickets/todo").get("items")).isEmpty();
        assertThat(ok(hr(), lena, "/tickets/related").get("items")).extracting(i -> i.get("ticketId").asText())
                .containsExactly(story.id);
        assertThat(ok(hr(), lena, "/tickets/" + story.id).at("/assignment/onBehalfOf/" + bob).asText())
                .isEqualTo(lena);

        story.handle(bob, "leader_approve", "ops_handling", Assignment.of(Distribution.ANY_ONE, List.of(ops1)),
                TicketStatus.IN_PROGRESS, Map.of(), null).projected();
        List<JsonNode> log = flowLog(story.id);
        assertThat(log.get(2).get("actor").asText()).isEqualTo(bob);
        assertThat(log.get(2).at("/details/onBehalfOf").asText()).isEqualTo(lena);
        assertThat(log.get(1).at("/details/onBehalfOf").isMissingNode()).isTrue();
        assertThat(ok(hr(), lena, "/tickets/" + story.id).at("/assignment/onBehalfOf").isEmpty()).isTrue();
    }

    @Test
    void aParentShowsItsChildrenWithTheirOutcomesAndAChildItsParent() {
        String alice = user("alice"), lena = user("lena");
        Instant at = Instant.parse("2026-03-06T08:00:00Z");
        TicketStory parent = ticket().create(alice, "Parent", at).submit(lena);
        String child = parent.id + "-c1";
        parent.send(new dev.baton.api.ticket.event.ChildrenRequested(parent.id, lena, at.plusSeconds(60),
                TicketStory.state("leader_approval"), List.of(new dev.baton.api.ticket.event.ChildrenRequested.Child(
                child, "laptop", "Laptop", Map.of(), "submit")), alice, "hr-app", "SN-1", Map.of()));
        parent.projected();
        JsonNode waiting = ok(hr(), alice, "/tickets/" + parent.id);
        assertThat(waiting.at("/children/0/ticketId").asText()).isEqualTo(child);
        assertThat(waiting.at("/children/0/outcome").isNull()).isTrue();

        parent.send(new dev.baton.api.ticket.event.ChildEnded(parent.id, "baton", at.plusSeconds(120), child,
                dev.baton.api.ticket.ChildOutcome.REJECTED, null)).projected();
        JsonNode ended = ok(hr(), alice, "/tickets/" + parent.id);
        assertThat(ended.at("/children/0/outcome").asText()).isEqualTo("REJECTED");
        assertThat(flowLog(parent.id)).extracting(e -> e.get("action").asText())
                .containsExactly("create", "handle", "startChildren", "childEnded");
        assertThat(ok(hr(), "baton", "/tickets/related").get("items")).as("Baton itself relates to nothing")
                .isEmpty();
    }

    private List<JsonNode> flowLog(String ticketId) {
        List<JsonNode> entries = new ArrayList<>();
        ok(admin(), "root", "/tickets/" + ticketId + "/flow-log").get("entries").forEach(entries::add);
        return entries;
    }
}
