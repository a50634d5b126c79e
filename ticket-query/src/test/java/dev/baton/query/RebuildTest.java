package dev.baton.query;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.api.ticket.Assignment;
import dev.baton.api.ticket.TicketStatus;
import dev.baton.api.workflow.Distribution;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class RebuildTest extends QueryTestBase {
    private static final Instant DAY = Instant.parse("2026-08-01T09:00:00Z");

    @Test
    void rebuildingFromTheTopicGivesIdenticalAnswers() {
        String alice = user("alice"), lena = user("lena"), bob = user("bob"), ops1 = user("ops1"), ops2 = user("ops2"),
                sue = user("sue");
        String marker = user("rebuild");
        TicketStory full = ticket().create(alice, marker + " every event", DAY).submit(lena)
                .handle(lena, "leader_approve", "leader_approval", new Assignment(Distribution.ALL, List.of(lena, bob),
                        false, List.of(), null), TicketStatus.IN_PROGRESS, Map.of(), "both of us")
                .countersign(bob, "leader_approve", List.of(lena))
                .handle(lena, "leader_approve", "ops_handling", Assignment.of(Distribution.ACCEPT_FIRST, List.of(ops1, ops2)),
                        TicketStatus.IN_PROGRESS, Map.of(), null)
                .accept(ops1)
                .transfer(ops1, ops2)
                .addSign(ops2, sue)
                .finishSign(sue)
                .comment(alice, "any news?")
                .handle(ops2, "complete", "done", Assignment.nobody(), TicketStatus.FINISHED, Map.of("ops_note", "ok"), null);
        TicketStory closed = ticket().create(bob, marker + " closed", DAY.plusSeconds(1)).close(bob, "not needed");
        TicketStory open = ticket().create(sue, marker + " open", DAY.plusSeconds(2), 2, "LR-RB-3", Map.of("days", 1L))
                .submit(lena).comment(alice, "visible to all");
        TicketStory child = ticket().createChild(sue, marker + " child", DAY.plusSeconds(3), open).submit(lena)
                .copy(sue, bob);
        List<TicketStory> stories = List.of(full, closed, open, child);
        stories.forEach(TicketStory::projected);
        List<String> users = List.of(alice, lena, bob, ops1, ops2, sue);

        Map<String, String> before = answers(users, stories, marker);
        jdbc.update("UPDATE ticket SET title = 'corrupted' WHERE ticket_id = ?", full.id);
        jdbc.update("UPDATE ticket_user SET todo = true WHERE ticket_no = (SELECT ticket_no FROM ticket WHERE ticket_id = ?)",
                closed.id);
        jdbc.update("UPDATE ticket_user SET worked = false WHERE ticket_no = (SELECT ticket_no FROM ticket WHERE ticket_id = ?)",
                full.id);
        assertThat(answers(users, stories, marker)).isNotEqualTo(before);

        admin().post("root", "/admin/projections/rebuild", null).expectStatus().isAccepted()
                .expectBody().jsonPath("$.status").isEqualTo("rebuilding");

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> ok(admin(), "root", "/admin/projections").get("lag").asLong() == 0);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(answers(users, stories, marker)).isEqualTo(before));
        assertThat(ok(admin(), "root", "/admin/projections").get("running").asBoolean()).isTrue();
    }

    private Map<String, String> answers(List<String> users, List<TicketStory> stories, String marker) {
        Map<String, String> answers = new LinkedHashMap<>();
        for (String user : users) {
            for (String list : List.of("todo", "related", "created", "worked", "cc")) {
                answers.put(user + " " + list, ok(hr(), user, "/tickets/" + list).toString());
            }
            answers.put(user + " children", ok(hr(), user, "/tickets/related?parent=" + stories.get(2).id).toString());
        }
        for (TicketStory story : stories) {
            for (String user : users) {
                answers.put(user + " detail " + story.id, body(user, "/tickets/" + story.id));
            }
            answers.put("flow-log " + story.id, ok(admin(), "root", "/tickets/" + story.id + "/flow-log").toString());
            answers.put("steps " + story.id, ok(admin(), "root", "/tickets/" + story.id + "/steps").toString());
        }
        answers.put("all", ok(admin(), "root", "/tickets/all?title=" + marker).toString());
        answers.put("states", ok(hr(), "root", "/tickets/states?ids="
                + String.join(",", stories.stream().map(s -> s.id).toList())).toString());
        return answers;
    }

    private String body(String user, String path) {
        JsonNode answer = read(hr().get(user, path).expectBody(String.class).returnResult().getResponseBody());
        return answer.toString();
    }
}
