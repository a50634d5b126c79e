package dev.baton.engine;

import dev.baton.api.workflow.ConditionalRoute;
import dev.baton.api.workflow.TransitionDef;
import dev.baton.api.workflow.TransitionKind;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RoutingTest {
    private final TransitionDef approve = new TransitionDef("approve", "Approve", "a", "default", TransitionKind.AGREE,
            true, List.of(new ConditionalRoute("days > 10", "board"), new ConditionalRoute("days > 3", "director")));

    @Test
    void firstMatchingRouteWins() {
        assertThat(Routing.destination(approve, Map.of("days", 20L))).isEqualTo("board");
        assertThat(Routing.destination(approve, Map.of("days", 5L))).isEqualTo("director");
    }

    @Test
    void fallsBackToTheTransitionsDestinationWhenNoRouteHolds() {
        assertThat(Routing.destination(approve, Map.of("days", 1L))).isEqualTo("default");
        assertThat(Routing.destination(approve, Map.of())).isEqualTo("default");
    }

    @Test
    void transitionWithoutRoutesGoesToItsDestination() {
        TransitionDef plain = new TransitionDef("go", "Go", "a", "b", null, false, null);

        assertThat(Routing.destination(plain, Map.of("days", 20L))).isEqualTo("b");
    }
}
