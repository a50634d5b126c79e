package dev.baton.command.ticket.routing;

import dev.baton.api.error.ErrorCode;
import dev.baton.api.ticket.Assignment;
import dev.baton.api.workflow.Distribution;
import dev.baton.command.ticket.PanelTicketTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.baton.command.ticket.TicketFixtures.refused;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One participant chosen among a state's candidates (round robin, random, least loaded), who then acts alone. Given
 * earlier events, when a command, expect events or a refusal.
 */
class OneChosenTest extends PanelTicketTest {
    @Test
    void roundRobinGivesTheTicketToTheCandidateWhoseTurnItIs() {
        answers.add("sam");
        fixture(Distribution.ROUND_ROBIN).given(created())
                .when(handle("alice", "submit"))
                .expectEvents(inReview(Assignment.of(Distribution.ROUND_ROBIN, List.of("sam"))));
        assertThat(asked).containsExactly("ROUND_ROBIN panel/review [lena, sam, dina]");
    }

    @Test
    void randomGivesTheTicketToTheDrawnCandidateAlone() {
        answers.add("dina");
        fixture(Distribution.RANDOM).given(created())
                .when(handle("alice", "submit"))
                .expectEvents(inReview(Assignment.of(Distribution.RANDOM, List.of("dina"))));
        assertThat(asked).containsExactly("RANDOM panel/review [lena, sam, dina]");
    }

    @Test
    void leastLoadedGivesTheTicketToTheCandidateWithTheFewestOpenTodos() {
        answers.add("lena");
        fixture(Distribution.LEAST_LOADED).given(created())
                .when(handle("alice", "submit"))
                .expectEvents(inReview(Assignment.of(Distribution.LEAST_LOADED, List.of("lena"))));
        assertThat(asked).containsExactly("LEAST_LOADED panel/review [lena, sam, dina]");
    }

    @Test
    void theChosenOneActsAlone() {
        fixture(Distribution.RANDOM).given(created(), inReview(Assignment.of(Distribution.RANDOM, List.of("dina"))))
                .when(handle("lena", "approve"))
                .expectNoEvents()
                .expectException(refused(ErrorCode.NOT_A_PARTICIPANT));
    }
}
