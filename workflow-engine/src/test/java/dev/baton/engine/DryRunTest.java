package dev.baton.engine;

import dev.baton.api.workflow.Fallback;
import dev.baton.api.workflow.StateDef;
import dev.baton.api.workflow.WorkflowDefinition;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The path of the demo leave request for a given creator and field values, with who would handle each state. A
 * creator the directory does not know has no department, so no leader.
 */
class DryRunTest {
    private final InMemoryDirectory dir = InMemoryDirectory.of(Demo.directory());
    private final WorkflowDefinition leave = Demo.leaveRequest();

    private static List<String> states(DryRun.Path path) {
        return path.steps().stream().map(s -> s.state().key()).toList();
    }

    @Test
    void aShortLeaveGoesFromTheLeaderStraightToOps() {
        DryRun.Path path = DryRun.walk("leave-request", 1, leave, "alice", Map.of("days", 2L), dir);

        assertThat(states(path)).containsExactly("draft", "leader_approval", "ops_handling", "done");
        assertThat(path.steps().get(1).participants()).containsExactly("lena");
        assertThat(path.steps().get(1).via().key()).isEqualTo("leader_approve");
        assertThat(path.steps().get(2).participants()).containsExactly("ops1", "ops2", "ops3", "ops4", "ops5");
        assertThat(path.reachesEnd()).isTrue();
    }

    @Test
    void aLongLeaveIsRoutedThroughTheDirectors() {
        DryRun.Path path = DryRun.walk("leave-request", 1, leave, "sue", Map.of("days", 5L), dir);

        assertThat(states(path)).containsExactly("draft", "leader_approval", "director_approval", "ops_handling",
                "done");
        assertThat(path.steps().get(1).participants()).containsExactly("sara");
        assertThat(path.steps().get(2).participants()).containsExactly("dina", "dirk", "dora");
    }

    @Test
    void theWalkStopsWhereNobodyWouldHandleAState() {
        DryRun.Path path = DryRun.walk("leave-request", 1, leave, "external", Map.of("days", 1L), dir);

        assertThat(states(path)).containsExactly("draft", "leader_approval");
        assertThat(path.steps().get(1).problem()).contains("resolves to nobody");
        assertThat(path.reachesEnd()).isFalse();
    }

    @Test
    void aFallbackShowsWhoWouldTakeOver() {
        WorkflowDefinition withFallback = new WorkflowDefinition(leave.key(), leave.name(), leave.description(),
                leave.restrictView(), leave.admins(), leave.fields(), leave.states().stream()
                .map(s -> !s.key().equals("leader_approval") ? s : new StateDef(s.key(), s.name(), s.type(), s.order(),
                        s.hidden(), s.fields(), s.participants(), s.distribution(), null, true,
                        new Fallback(Fallback.Kind.ADMINS, null))).toList(), leave.transitions());

        DryRun.Path path = DryRun.walk("leave-request", 1, withFallback, "external", Map.of("days", 1L), dir);

        assertThat(path.steps().get(1).participants()).containsExactly("admin");
        assertThat(path.reachesEnd()).isTrue();
    }
}
