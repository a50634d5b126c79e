package dev.baton.engine;

import dev.baton.api.workflow.StateDef;
import dev.baton.api.workflow.TransitionDef;
import dev.baton.api.workflow.WorkflowDefinition;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Whether a state mapping carries tickets from the demo leave request to a version that renamed a state. */
class MigrationsTest {
    static final WorkflowDefinition V1 = Demo.leaveRequest();
    static final WorkflowDefinition V2 = renamed(V1, "leader_approval", "manager_approval");

    /** {@code definition} with state {@code from} renamed to {@code to}, transitions following. */
    static WorkflowDefinition renamed(WorkflowDefinition definition, String from, String to) {
        return new WorkflowDefinition(definition.key(), definition.name(), definition.description(),
                definition.restrictView(), definition.admins(), definition.fields(), definition.states().stream()
                .map(s -> !s.key().equals(from) ? s : new StateDef(to, s.name(), s.type(), s.order(), s.hidden(),
                        s.fields(), s.participants(), s.distribution(), s.countersign(), s.withdrawable(),
                        s.fallback())).toList(), definition.transitions().stream()
                .map(t -> new TransitionDef(t.key(), t.name(), t.from().equals(from) ? to : t.from(),
                        t.to().equals(from) ? to : t.to(), t.kind(), t.checkRequiredFields(), t.routes())).toList());
    }

    @Test
    void aMappingForTheRenamedStateCarriesEveryState() {
        Map<String, String> mapping = Map.of("leader_approval", "manager_approval");
        assertThat(Migrations.problems(V1, V2, mapping)).isEmpty();
        assertThat(Migrations.effective(V1, mapping)).containsEntry("leader_approval", "manager_approval")
                .containsEntry("ops_handling", "ops_handling").hasSize(V1.states().size());
    }

    @Test
    void everyStateThatWouldNotLandIsReported() {
        assertThat(Migrations.problems(V1, V2, Map.of())).containsExactly(
                "State 'leader_approval' is not mapped and the new version has no state of that key");
        assertThat(Migrations.problems(V1, V2, Map.of("leader_approval", "nowhere", "ghost", "done"))).containsExactly(
                "The mapping names state 'ghost', which the old version does not have",
                "State 'leader_approval' maps to 'nowhere', which the new version does not have");
        assertThat(Migrations.problems(V1, V2, Map.of("leader_approval", "done"))).containsExactly(
                "State 'leader_approval' (NORMAL) maps to 'done' (END); a state must land on one of the same type");
    }
}
