package dev.baton.command.assignee;

import dev.baton.api.workflow.Distribution;
import dev.baton.command.CommandSchema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Turns and draws on a real PostgreSQL database with ticket-command's own schema. */
class RotatingAssigneeChooserTest {
    static final List<String> TEAM = List.of("ops1", "ops2", "ops3");
    static JdbcTemplate jdbc;

    @BeforeAll
    static void schema() {
        jdbc = CommandSchema.jdbc("rotation");
    }

    List<String> choices(RotatingAssigneeChooser chooser, Distribution distribution, String state, int times) {
        List<String> chosen = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            chosen.add(chooser.choose(distribution, "helpdesk", state, TEAM));
        }
        return chosen;
    }

    @Test
    void roundRobinWalksTheCandidatesInOrderAndWrapsAround() {
        assertThat(choices(new RotatingAssigneeChooser(jdbc), Distribution.ROUND_ROBIN, "triage", 7))
                .containsExactly("ops1", "ops2", "ops3", "ops1", "ops2", "ops3", "ops1");
    }

    @Test
    void eachStateHasItsOwnTurnsSharedByEveryInstance() {
        RotatingAssigneeChooser one = new RotatingAssigneeChooser(jdbc);
        RotatingAssigneeChooser another = new RotatingAssigneeChooser(jdbc);
        assertThat(one.choose(Distribution.ROUND_ROBIN, "helpdesk", "second-line", TEAM)).isEqualTo("ops1");
        assertThat(another.choose(Distribution.ROUND_ROBIN, "helpdesk", "second-line", TEAM)).isEqualTo("ops2");
        assertThat(one.choose(Distribution.ROUND_ROBIN, "helpdesk", "third-line", TEAM)).isEqualTo("ops1");
    }

    @Test
    void concurrentArrivalsNeverTakeTheSameTurn() {
        RotatingAssigneeChooser chooser = new RotatingAssigneeChooser(jdbc);
        List<Long> turns = IntStream.range(0, 60).parallel()
                .mapToObj(i -> chooser.nextTurn("helpdesk", "busy")).toList();
        assertThat(new HashSet<>(turns)).hasSize(60).containsAll(IntStream.range(0, 60).mapToObj(i -> (long) i).toList());
    }

    @Test
    void randomDrawsOnlyCandidatesAndReachesEachOfThem() {
        Set<String> drawn = new HashSet<>(choices(new RotatingAssigneeChooser(jdbc), Distribution.RANDOM, "any", 200));
        assertThat(drawn).containsExactlyInAnyOrderElementsOf(TEAM);
    }

    @Test
    void refusesADistributionThatDoesNotChooseOne() {
        assertThatThrownBy(() -> new RotatingAssigneeChooser(jdbc).choose(Distribution.ANY_ONE, "helpdesk", "x", TEAM))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void leastLoadedPicksTheCandidateWithTheFewestOpenTodosAndTheFirstAmongEquals() {
        jdbc.update("DELETE FROM open_work");
        jdbc.update("INSERT INTO open_work (ticket_id, username) VALUES ('a', 'ops1'), ('b', 'ops1'), ('c', 'ops2')");
        RotatingAssigneeChooser chooser = new RotatingAssigneeChooser(jdbc);
        assertThat(chooser.choose(Distribution.LEAST_LOADED, "helpdesk", "triage", TEAM)).isEqualTo("ops3");
        jdbc.update("INSERT INTO open_work (ticket_id, username) VALUES ('d', 'ops3')");
        assertThat(chooser.choose(Distribution.LEAST_LOADED, "helpdesk", "triage", TEAM)).isEqualTo("ops2");
        jdbc.update("INSERT INTO open_work (ticket_id, username) VALUES ('e', 'ops2'), ('f', 'ops3')");
        assertThat(chooser.choose(Distribution.LEAST_LOADED, "helpdesk", "triage", TEAM)).isEqualTo("ops1");
    }
}
