package dev.baton.query;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.api.ticket.Assignment;
import dev.baton.api.ticket.TicketStatus;
import dev.baton.api.workflow.Distribution;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StepBarTest extends QueryTestBase {
    private static final Instant DAY = Instant.parse("2026-06-01T09:00:00Z");

    @Test
    void stepsMarkPassedCurrentAndAheadStatesAndShowHiddenOnesOnlyOnceTheTicketWasThere() {
        String alice = user("alice"), lena = user("lena"), dina = user("dina"), ops1 = user("ops1");
        TicketStory story = ticket().create(alice, "Steps", DAY, 1, "LR-STEP-1", Map.of("days", 5L)).submit(lena)
                .handle(lena, "leader_approve", "director_approval", Assignment.of(Distribution.ACCEPT_FIRST, List.of(dina)),
                        TicketStatus.IN_PROGRESS, Map.of(), null)
                .projected();
        String path = "/tickets/" + story.id + "/steps";

        JsonNode atDirector = ok(hr(), alice, path);
        assertThat(steps(atDirector)).containsExactly("draft=PASSED", "leader_approval=PASSED",
                "director_approval=CURRENT", "ops_handling=AHEAD", "done=AHEAD");
        assertThat(atDirector.get("currentState").asText()).isEqualTo("director_approval");

        story.comment(dina, "looking").handle(dina, "director_approve", "ops_handling",
                Assignment.of(Distribution.ACCEPT_FIRST, List.of(ops1)), TicketStatus.IN_PROGRESS, Map.of(), null)
                .projected();
        JsonNode atOps = ok(hr(), alice, path);
        assertThat(steps(atOps)).containsExactly("draft=PASSED", "leader_approval=PASSED", "director_approval=PASSED",
                "ops_handling=CURRENT", "done=AHEAD");
        JsonNode draft = atOps.at("/steps/0");
        assertThat(draft.get("name").asText()).isEqualTo("Draft");
        assertThat(draft.get("entries").findValuesAsText("action")).containsExactly("create", "handle");
        assertThat(atOps.at("/steps/1/entries/0/transition/key").asText()).isEqualTo("leader_approve");
        assertThat(atOps.at("/steps/2/entries").findValuesAsText("action")).containsExactly("comment", "handle");
        assertThat(atOps.at("/steps/3/entries")).isEmpty();
    }

    @Test
    void aTicketSentBackToTheStartIsCurrentThereWithItsEarlierStepsPassed() {
        String alice = user("alice"), lena = user("lena");
        TicketStory story = ticket().create(alice, "Rejected", DAY).submit(lena)
                .handle(lena, "leader_reject", "draft", Assignment.of(Distribution.ANY_ONE, List.of(alice)),
                        TicketStatus.REJECTED, Map.of(), "no")
                .projected();

        JsonNode bar = ok(hr(), alice, "/tickets/" + story.id + "/steps");

        assertThat(steps(bar)).containsExactly("draft=CURRENT", "leader_approval=PASSED", "ops_handling=AHEAD",
                "done=AHEAD");
        assertThat(bar.at("/steps/1/entries/0/comment").asText()).isEqualTo("no");
    }

    private static List<String> steps(JsonNode bar) {
        List<String> steps = new ArrayList<>();
        bar.get("steps").forEach(s -> steps.add(s.get("key").asText() + "=" + s.get("progress").asText()));
        return steps;
    }
}
