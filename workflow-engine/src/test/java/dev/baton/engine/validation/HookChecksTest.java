package dev.baton.engine.validation;

import dev.baton.api.workflow.EventHook;
import dev.baton.api.workflow.HookDef;
import dev.baton.api.workflow.ParticipantKind;
import dev.baton.api.workflow.ParticipantRule;
import dev.baton.api.workflow.StateDef;
import dev.baton.api.workflow.StateType;
import dev.baton.api.workflow.WorkflowDefinition;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Hooks: a state an external system handles, and event hooks. */
class HookChecksTest extends DefinitionVariants {
    @Test
    void eventHooksNeedAUrlASecretAndEvents() {
        WorkflowDefinition good = withEventHooks(List.of(
                new EventHook("https://crm.example/events", "crm",
                        List.of(EventHook.Kind.ENDED), null, null)));
        assertThat(problems(good)).isEmpty();
        WorkflowDefinition bad = withEventHooks(List.of(
                new EventHook("ftp://crm.example", null, List.of(), 0, 99)));
        assertThat(problems(bad)).containsExactly(
                "Event hook 1 must call an http or https URL; got 'ftp://crm.example'",
                "Event hook 1 must name the secret it is signed with; got 'null'",
                "Event hook 1 must name the events it tells of, some of [CREATED, STATE_CHANGED, ENDED, REJECTED, "
                        + "WITHDRAWN, CLOSED]",
                "Event hook 1's time-out must be 1 to 60 s; got 0",
                "Event hook 1's attempts must be 1 to 20; got 99");
    }

    private static StateDef hooked(StateDef s, HookDef hook) {
        return new StateDef(s.key(), s.name(), s.type(), s.order(), s.hidden(), s.fields(), null, s.distribution(),
                null, false, null, null, null, hook);
    }

    @Test
    void aStateAnExternalSystemHandlesCallsAUrlAndLeavesBySuccessAndFailureTransitions() {
        HookDef hook = new HookDef("https://cmdb.example.com/hooks/leave", null, "cmdb", Map.of("days", "days"), 30,
                3, "complete", "complete");
        assertThat(problems(mapState("ops_handling", s -> hooked(s, hook)))).isEmpty();
    }

    @Test
    void aStateHooksMistakesAreAllReported() {
        HookDef hook = new HookDef("ftp://cmdb", null, "Not A Key", Map.of("colour", "colour"), 0, 21,
                "leader_approve", null);
        assertThat(problems(mapState("ops_handling", s -> hooked(s, hook)))).containsExactly(
                "State 'ops_handling''s hook must call an http or https URL; got 'ftp://cmdb'",
                "State 'ops_handling''s hook must name the secret it is signed with (a key the hook worker knows, "
                        + "like 'cmdb'); got 'Not A Key'",
                "State 'ops_handling''s hook sends unknown field 'colour'",
                "State 'ops_handling''s hook time-out must be 1 to 60 s; got 0",
                "State 'ops_handling''s hook attempts must be 1 to 20; got 21",
                "State 'ops_handling''s hook must name success and failure transitions leaving it, one of "
                        + "[complete]; got 'leader_approve'",
                "State 'ops_handling''s hook must name success and failure transitions leaving it, one of "
                        + "[complete]; got 'null'");
    }

    @Test
    void onlyANormalStateWithoutParticipantsCanBeHandledByAHook() {
        HookDef hook = new HookDef("https://cmdb.example.com/hooks/leave", null, "cmdb", Map.of(), null, null,
                "complete", "complete");
        StateDef withPeople = new StateDef("ops_handling", "Ops handling", StateType.NORMAL, 4,
                false, Map.of(), ParticipantRule.of(ParticipantKind.USER, "alice"),
                null, null, false, null, null, null, hook);
        assertThat(problems(mapState("ops_handling", s -> withPeople))).containsExactly(
                "State 'ops_handling' has a hook and names participants, a fallback or children; the external "
                        + "system handles it alone");
    }
}
