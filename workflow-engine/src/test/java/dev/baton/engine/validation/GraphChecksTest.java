package dev.baton.engine.validation;

import dev.baton.api.workflow.ConditionalRoute;
import dev.baton.api.workflow.Distribution;
import dev.baton.api.workflow.ParticipantKind;
import dev.baton.api.workflow.ParticipantRule;
import dev.baton.api.workflow.StateDef;
import dev.baton.api.workflow.StateType;
import dev.baton.api.workflow.TransitionDef;
import dev.baton.api.workflow.TransitionKind;
import dev.baton.api.workflow.WorkflowDefinition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** States, transitions and reachability. */
class GraphChecksTest extends DefinitionVariants {
    @Test
    void duplicateStateKeyIsReported() {
        StateDef again = new StateDef("done", "Done again", StateType.END, 6, false, null, null, null);
        assertThat(problems(withStates(plus(demo.states(), again))))
                .containsExactly("State key 'done' is used more than once");
    }

    @Test
    void missingStartStateIsReported() {
        assertThat(problems(mapState("draft", s -> type(s, StateType.NORMAL))))
                .contains("The workflow has no START state; exactly one is required");
    }

    @Test
    void secondStartStateIsReported() {
        assertThat(problems(mapState("leader_approval", s -> type(s, StateType.START)))).containsExactly(
                "The workflow has 2 START states ('draft', 'leader_approval'); exactly one is required");
    }

    @Test
    void missingEndStateIsReported() {
        assertThat(problems(mapState("done", s -> participants(type(s, StateType.NORMAL),
                ParticipantRule.of(ParticipantKind.USER, "alice")))))
                .containsExactly("The workflow has no END state; at least one is required",
                        "State 'done' has no outgoing transition");
    }

    @Test
    void transitionToUnknownStateIsReported() {
        assertThat(problems(mapTransition("complete", t -> to(t, "done2"))))
                .contains("Transition 'complete' goes to unknown state 'done2'");
    }

    @Test
    void transitionFromUnknownStateIsReported() {
        TransitionDef stray = new TransitionDef("stray", "Stray", "limbo", "done", TransitionKind.AGREE, false, null);
        assertThat(problems(withTransitions(plus(demo.transitions(), stray))))
                .containsExactly("Transition 'stray' starts from unknown state 'limbo'");
    }

    @Test
    void routeToUnknownStateIsReported() {
        assertThat(problems(mapTransition("leader_approve",
                t -> routes(t, new ConditionalRoute("days > 3", "nowhere"), new ConditionalRoute("days > 10",
                        "director_approval")))))
                .containsExactly("Transition 'leader_approve' routes to unknown state 'nowhere'");
    }

    @Test
    void duplicateTransitionKeyIsReported() {
        TransitionDef again = new TransitionDef("submit", "Again", "draft", "done", TransitionKind.AGREE, false, null);
        assertThat(problems(withTransitions(plus(demo.transitions(), again))))
                .containsExactly("Transition key 'submit' is used more than once");
    }

    @Test
    void transitionLeavingAnEndStateIsReported() {
        TransitionDef reopen = new TransitionDef("reopen", "Reopen", "done", "draft", TransitionKind.OTHER, false,
                null);
        assertThat(problems(withTransitions(plus(demo.transitions(), reopen))))
                .containsExactly("Transition 'reopen' leaves END state 'done'; end states have no way out");
    }

    @Test
    void stateWithoutOutgoingTransitionIsReported() {
        assertThat(problems(withTransitions(demo.transitions().stream()
                .filter(t -> !t.key().equals("complete")).toList())))
                .containsExactly("State 'ops_handling' has no outgoing transition",
                        "State 'done' cannot be reached from the start state 'draft'");
    }

    @Test
    void unreachableStateIsReported() {
        StateDef island = new StateDef("island", "Island", StateType.NORMAL, 6, false, null,
                ParticipantRule.of(ParticipantKind.USER, "alice"), Distribution.ANY_ONE);
        TransitionDef out = new TransitionDef("leave_island", "Leave", "island", "done", TransitionKind.AGREE, false,
                null);
        WorkflowDefinition def = with(demo, demo.key(), demo.name(), demo.admins(), demo.fields(),
                plus(demo.states(), island), plus(demo.transitions(), out));

        assertThat(problems(def)).containsExactly("State 'island' cannot be reached from the start state 'draft'");
    }

    @Test
    void withTwoStartStatesAStateReachableFromNeitherIsStillReported() {
        StateDef island = new StateDef("island", "Island", StateType.NORMAL, 6, false, null,
                ParticipantRule.of(ParticipantKind.USER, "alice"), Distribution.ANY_ONE);
        TransitionDef out = new TransitionDef("leave_island", "Leave", "island", "done", TransitionKind.AGREE, false,
                null);
        WorkflowDefinition def = with(demo, demo.key(), demo.name(), demo.admins(), demo.fields(),
                plus(mapState("leader_approval", s -> type(s, StateType.START)).states(), island),
                plus(demo.transitions(), out));

        assertThat(problems(def)).containsExactly(
                "The workflow has 2 START states ('draft', 'leader_approval'); exactly one is required",
                "State 'island' cannot be reached from any of the START states 'draft', 'leader_approval'");
    }

    @Test
    void stateReachableOnlyThroughARouteCountsAsReachable() {
        // director_approval is reached only via the leader_approve route in the demo
        assertThat(demo.transitions()).noneMatch(t -> "director_approval".equals(t.to()));
        assertThat(problems(demo)).isEmpty();
    }
}
