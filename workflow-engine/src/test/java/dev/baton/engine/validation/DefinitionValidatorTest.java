package dev.baton.engine.validation;

import dev.baton.api.workflow.Distribution;
import dev.baton.api.workflow.FieldAccess;
import dev.baton.api.workflow.FieldDef;
import dev.baton.api.workflow.FieldType;
import dev.baton.api.workflow.ParticipantKind;
import dev.baton.api.workflow.ParticipantRule;
import dev.baton.api.workflow.StateDef;
import dev.baton.api.workflow.StateTimers;
import dev.baton.api.workflow.StateType;
import dev.baton.api.workflow.TransitionDef;
import dev.baton.api.workflow.TransitionKind;
import dev.baton.api.workflow.WorkflowDefinition;
import dev.baton.engine.DefinitionValidator;
import org.junit.jupiter.api.Test;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The checks composed: every problem listed, in a stable order, directory checks only with a directory. */
class DefinitionValidatorTest extends DefinitionVariants {
    @Test
    void demoLeaveRequestIsValidAgainstTheDemoDirectory() {
        assertThat(problems(demo)).isEmpty();
    }

    @Test
    void directoryChecksAreSkippedWithoutADirectory() {
        WorkflowDefinition def = with(demo, demo.key(), demo.name(), List.of("root"), demo.fields(), demo.states(),
                demo.transitions());

        assertThat(DefinitionValidator.validate(def, null)).isEmpty();
    }

    @Test
    void everyProblemIsListedEvenWhereAnotherCheckOfTheSameElementFailed() {
        StateDef island = new StateDef("island", "Island", StateType.NORMAL, 6, false, null,
                ParticipantRule.of(ParticipantKind.USER, "alice"), Distribution.ANY_ONE);
        StateDef badKey = new StateDef("Bad State", "Bad", StateType.NORMAL, 7, false, Map.of("mood",
                FieldAccess.OPTIONAL), null, Distribution.ANY_ONE);
        StateDef timedEnd = new StateDef("closed", "Closed", StateType.END, 8, false, null, null, null, null, false,
                null, null, new StateTimers(null, new StateTimers.Reminders("soon", null, null), null));
        List<StateDef> states = new ArrayList<>(mapState("leader_approval", s -> type(s, StateType.START)).states());
        states.addAll(List.of(island, badKey, timedEnd));
        List<TransitionDef> transitions = new ArrayList<>(demo.transitions());
        transitions.add(new TransitionDef("leave_island", "Leave", "island", "done", TransitionKind.AGREE, false,
                null));
        transitions.add(new TransitionDef("submit", "Again", "draft", "nowhere", TransitionKind.AGREE, false, null));
        transitions.add(new TransitionDef("Bad Move", "Bad", "limbo", "done", TransitionKind.AGREE, false, null));
        List<FieldDef> fields = plus(demo.fields(), new FieldDef("Bad Key", "Bad", null, null));
        WorkflowDefinition def = with(demo, demo.key(), demo.name(), demo.admins(), fields, states, transitions);

        assertThat(problems(def)).containsExactly(
                "Field key 'Bad Key' must match [a-z0-9][a-z0-9_-]{0,63}",
                "Field 'Bad Key' has no type",
                "State key 'Bad State' must match [a-z0-9][a-z0-9_-]{0,63}",
                "State 'Bad State' names unknown field 'mood'",
                "State 'Bad State' has no participant rule",
                "State 'closed' is an END state and has timers; nothing waits there",
                "State 'closed''s reminders 'first' (soon) must be an ISO-8601 duration from PT1S to PT8784H, like"
                        + " PT48H or P2D",
                "The workflow has 2 START states ('draft', 'leader_approval'); exactly one is required",
                "Transition key 'submit' is used more than once",
                "Transition 'submit' goes to unknown state 'nowhere'",
                "Transition key 'Bad Move' must match [a-z0-9][a-z0-9_-]{0,63}",
                "Transition 'Bad Move' starts from unknown state 'limbo'",
                "State 'Bad State' has no outgoing transition",
                "State 'island' cannot be reached from any of the START states 'draft', 'leader_approval'",
                "State 'Bad State' cannot be reached from any of the START states 'draft', 'leader_approval'",
                "State 'closed' cannot be reached from any of the START states 'draft', 'leader_approval'");
    }

    @Test
    void multipleProblemsAreListedTogether() {
        TransitionDef reopen = new TransitionDef("reopen", "Reopen", "done", "draft2", TransitionKind.OTHER, false,
                null);
        WorkflowDefinition def = with(demo, "Bad Key", "", List.of("root"),
                plus(demo.fields(), new FieldDef("kind", "Kind", FieldType.SINGLE_CHOICE, null)),
                demo.states(), plus(demo.transitions(), reopen));

        assertThat(problems(def)).containsExactly(
                "Workflow key 'Bad Key' must match [a-z0-9][a-z0-9_-]{0,63}",
                "The workflow has no name",
                "Choice field 'kind' has no options",
                "Transition 'reopen' leaves END state 'done'; end states have no way out",
                "Transition 'reopen' goes to unknown state 'draft2'",
                "Admin 'root' is not a user in the directory");
    }
}
