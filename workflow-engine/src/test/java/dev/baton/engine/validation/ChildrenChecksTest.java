package dev.baton.engine.validation;

import dev.baton.api.workflow.ChildTickets;
import dev.baton.api.workflow.ParticipantKind;
import dev.baton.api.workflow.ParticipantRule;
import org.junit.jupiter.api.Test;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A state that starts child tickets. */
class ChildrenChecksTest extends DefinitionVariants {
    @Test
    void aStateThatStartsChildrenNamesNoParticipantsAndTransitionsThatLeaveIt() {
        ChildTickets.Child laptop = new ChildTickets.Child("laptop", null, Map.of("user", "days"), "submit");
        assertThat(problems(opsStartsChildren(null, new ChildTickets(List.of(laptop), null, "complete", null))))
                .isEmpty();
        assertThat(problems(opsStartsChildren(null, new ChildTickets(List.of(laptop), "rejected > 0 or failed > 0",
                "complete", "complete")))).isEmpty();
        assertThat(problems(leaderRule(ParticipantRule.relative(ParticipantKind.LEADER, "parent-field:employee",
                null)))).isEmpty();
    }

    @Test
    void childTicketMistakesAreReported() {
        ChildTickets.Child laptop = new ChildTickets.Child("laptop", null, Map.of(), "submit");
        assertThat(problems(opsStartsChildren(ParticipantRule.of(ParticipantKind.USER, "ops1"),
                new ChildTickets(List.of(laptop), null, "complete", null))))
                .containsExactly("State 'ops_handling' starts child tickets and names participants or a fallback; "
                        + "the ticket waits for its children there, nobody acts on it");
        assertThat(problems(opsStartsChildren(null, new ChildTickets(List.of(laptop), null, "leader_approve", null))))
                .containsExactly("State 'ops_handling' must name the transition its ticket takes when its children "
                        + "are done, one of [complete]; got 'leader_approve'");
        assertThat(problems(opsStartsChildren(null, new ChildTickets(List.of(laptop), "days > 1", "complete",
                "complete")))).containsExactly("State 'ops_handling' has child condition 'days > 1' naming 'days'; "
                + "it may use [closed, deleted, ended, failed, finished, open, rejected, total]");
        assertThat(problems(opsStartsChildren(null, new ChildTickets(List.of(laptop), "failed > 0", "complete",
                null)))).containsExactly("State 'ops_handling' has a condition over its children and must name the "
                + "transition taken when it never holds ('otherwise'), one of [complete]; got 'null'");
        assertThat(problems(opsStartsChildren(null, new ChildTickets(List.of(
                new ChildTickets.Child("Bad Key", null, Map.of(), null),
                new ChildTickets.Child("laptop", null, Map.of("user", "nope"), null)), null, "complete", null))))
                .containsExactly("State 'ops_handling' starts a child ticket without a valid workflow key",
                        "State 'ops_handling' fills child field 'user' of 'laptop' from unknown field 'nope'");
        assertThat(problems(opsStartsChildren(null, new ChildTickets(List.of(), null, "complete", null))))
                .containsExactly("State 'ops_handling' starts 0 child tickets; it must start 1 to 20");
    }
}
