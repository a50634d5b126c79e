package dev.baton.engine;

import dev.baton.api.directory.DirectorySnapshot;
import dev.baton.api.workflow.Distribution;
import dev.baton.api.workflow.FieldAccess;
import dev.baton.api.workflow.FieldType;
import dev.baton.api.workflow.ParticipantKind;
import dev.baton.api.workflow.StateDef;
import dev.baton.api.workflow.StateType;
import dev.baton.api.workflow.TransitionDef;
import dev.baton.api.workflow.TransitionKind;
import dev.baton.api.workflow.WorkflowDefinition;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class DemoFixturesTest {

    @Test
    void leaveRequestJsonLoadsIntoTheWorkflowRecord() {
        WorkflowDefinition def = Demo.leaveRequest();

        assertThat(def.key()).isEqualTo("leave-request");
        assertThat(def.name()).isEqualTo("Leave request");
        assertThat(def.restrictView()).isTrue();
        assertThat(def.admins()).containsExactly("admin");
        assertThat(def.field("days").orElseThrow().type()).isEqualTo(FieldType.INTEGER);
        assertThat(def.field("reason").orElseThrow().type()).isEqualTo(FieldType.TEXTAREA);
        assertThat(def.field("start_date").orElseThrow().type()).isEqualTo(FieldType.DATE);
        assertThat(def.field("ops_note").orElseThrow().type()).isEqualTo(FieldType.TEXT);
        assertThat(def.states()).extracting(StateDef::key, StateDef::order).containsExactly(
                tuple("draft", 1),
                tuple("leader_approval", 2),
                tuple("director_approval", 3),
                tuple("ops_handling", 4),
                tuple("done", 5));
        assertThat(def.startState().orElseThrow().key()).isEqualTo("draft");
        StateDef draft = def.state("draft").orElseThrow();
        assertThat(draft.fields()).isEqualTo(Map.of("days", FieldAccess.REQUIRED,
                "reason", FieldAccess.OPTIONAL, "start_date", FieldAccess.OPTIONAL));
        StateDef leader = def.state("leader_approval").orElseThrow();
        assertThat(leader.participants().kind()).isEqualTo(ParticipantKind.CREATOR_DEPARTMENT_LEADER);
        assertThat(leader.distribution()).isEqualTo(Distribution.ANY_ONE);
        StateDef director = def.state("director_approval").orElseThrow();
        assertThat(director.participants().values()).containsExactly("director");
        assertThat(director.distribution()).isEqualTo(Distribution.ACCEPT_FIRST);
        StateDef ops = def.state("ops_handling").orElseThrow();
        assertThat(ops.access("ops_note")).isEqualTo(FieldAccess.OPTIONAL);
        assertThat(leader.access("ops_note")).isEqualTo(FieldAccess.HIDDEN);
        assertThat(def.state("done").orElseThrow().type()).isEqualTo(StateType.END);

        TransitionDef submit = def.transition("submit").orElseThrow();
        assertThat(submit.checkRequiredFields()).isTrue();
        assertThat(submit.kind()).isEqualTo(TransitionKind.AGREE);
        TransitionDef approve = def.transition("leader_approve").orElseThrow();
        assertThat(approve.routes()).singleElement()
                .satisfies(r -> assertThat(r.condition()).isEqualTo("days > 3"))
                .satisfies(r -> assertThat(r.to()).isEqualTo("director_approval"));
        assertThat(def.transition("leader_reject").orElseThrow().checkRequiredFields()).isFalse();
        assertThat(def.transition("director_reject").orElseThrow().kind()).isEqualTo(TransitionKind.REJECT);
        assertThat(def.transitionsFrom("ops_handling")).extracting(TransitionDef::key).containsExactly("complete");
    }

    @Test
    void directoryJsonLoadsIntoTheSnapshotRecord() {
        DirectorySnapshot snapshot = Demo.directory();

        assertThat(snapshot.departments()).hasSize(4);
        assertThat(snapshot.roles()).singleElement().satisfies(r -> assertThat(r.id()).isEqualTo("director"));
        assertThat(snapshot.users()).hasSize(18);
        assertThat(snapshot.users()).filteredOn(u -> !u.active()).extracting(u -> u.username())
                .containsExactly("ghost");
        assertThat(snapshot.users()).allSatisfy(u -> {
            assertThat(u.email()).isEqualTo(u.username() + "@example.com");
            assertThat(Character.isUpperCase(u.name().charAt(0))).isTrue();
        });
    }

    @Test
    void demoDirectoryResolvesTheReferenceParticipants() {
        InMemoryDirectory dir = InMemoryDirectory.of(Demo.directory());
        WorkflowDefinition def = Demo.leaveRequest();

        assertThat(ParticipantResolver.resolve(def.state("ops_handling").orElseThrow().participants(), "alice", dir))
                .containsExactly("ops1", "ops2", "ops3", "ops4", "ops5");
        assertThat(ParticipantResolver.resolve(def.state("director_approval").orElseThrow().participants(),
                "alice", dir)).containsExactly("dina", "dirk", "dora");
        assertThat(ParticipantResolver.resolve(def.state("leader_approval").orElseThrow().participants(),
                "alice", dir)).containsExactly("lena");
        assertThat(ParticipantResolver.resolve(def.state("leader_approval").orElseThrow().participants(),
                "sue", dir)).containsExactly("sara");
    }

    @Test
    void demoDefinitionRoundTripsThroughTheMapper() throws Exception {
        WorkflowDefinition def = Demo.leaveRequest();
        var mapper = BatonJson.mapper();

        WorkflowDefinition back = mapper.readValue(mapper.writeValueAsString(def), WorkflowDefinition.class);

        assertThat(back).isEqualTo(def);
        assertThat(Routing.destination(def.transition("leader_approve").orElseThrow(), Map.of("days", 5L)))
                .isEqualTo("director_approval");
        assertThat(Routing.destination(def.transition("leader_approve").orElseThrow(), Map.of("days", 2L)))
                .isEqualTo("ops_handling");
    }
}
