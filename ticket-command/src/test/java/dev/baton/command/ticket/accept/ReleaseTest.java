package dev.baton.command.ticket.accept;

import dev.baton.api.error.ErrorCode;
import dev.baton.api.ticket.Assignment;
import dev.baton.api.ticket.command.AcceptTicket;
import dev.baton.api.ticket.command.ReleaseTicket;
import dev.baton.api.ticket.event.TicketAccepted;
import dev.baton.api.ticket.event.TicketReleased;
import dev.baton.api.workflow.Distribution;
import dev.baton.command.ticket.Ticket;
import dev.baton.command.ticket.TicketFixtures;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.baton.command.ticket.TicketFixtures.APP;
import static dev.baton.command.ticket.TicketFixtures.ID;
import static dev.baton.command.ticket.TicketFixtures.NOW;
import static dev.baton.command.ticket.TicketFixtures.OPS_TEAM;
import static dev.baton.command.ticket.TicketFixtures.newFixture;
import static dev.baton.command.ticket.TicketFixtures.refused;

/** Releasing an accepted ticket back to the pool's active candidates. */
class ReleaseTest {
    final Assignment opsPool = new Assignment(Distribution.ACCEPT_FIRST, OPS_TEAM, true, List.of(), null);

    FixtureConfiguration<Ticket> fixture;

    @BeforeEach
    void setUp() {
        fixture = newFixture();
    }

    TicketAccepted accepted(String by, List<String> pool) {
        return new TicketAccepted(ID, by, NOW, new Assignment(Distribution.ACCEPT_FIRST, List.of(by), false,
                List.of(), null, List.of(), pool));
    }

    TestExecutor<Ticket> atOps(Object... more) {
        List<Object> given = new ArrayList<>(List.of(TicketFixtures.created(Map.of("days", 2L)),
                TicketFixtures.submitted(Map.of()), TicketFixtures.leaderApproved(2)));
        given.addAll(List.of(more));
        return fixture.given(given);
    }

    @Test
    void offersTheTicketToTheCandidatesAgain() {
        atOps(accepted("ops2", OPS_TEAM)).when(new ReleaseTicket(ID, "ops2", APP, "busy", null))
                .expectEvents(new TicketReleased(ID, "ops2", NOW, "busy", opsPool));
    }

    @Test
    void letsAnotherCandidateAcceptAfterwards() {
        atOps(accepted("ops2", OPS_TEAM), new TicketReleased(ID, "ops2", NOW, null, opsPool))
                .when(new AcceptTicket(ID, "ops4", APP, null))
                .expectEvents(accepted("ops4", OPS_TEAM));
    }

    @Test
    void leavesOutCandidatesWhoAreNoLongerActive() {
        atOps(accepted("ops2", List.of("ops2", "ghost", "ops3")))
                .when(new ReleaseTicket(ID, "ops2", APP, null, null))
                .expectEvents(new TicketReleased(ID, "ops2", NOW, null,
                        new Assignment(Distribution.ACCEPT_FIRST, List.of("ops2", "ops3"), true, List.of(), null)));
    }

    @Test
    void refusesWhenNoOtherActiveCandidateIsLeft() {
        atOps(accepted("ops2", List.of("ops2", "ghost")))
                .when(new ReleaseTicket(ID, "ops2", APP, null, null))
                .expectNoEvents()
                .expectException(refused(ErrorCode.WRONG_STATE));
    }

    @Test
    void refusesBeforeAnyoneAccepted() {
        atOps().when(new ReleaseTicket(ID, "ops2", APP, null, null))
                .expectNoEvents()
                .expectException(refused(ErrorCode.WRONG_STATE));
    }

    @Test
    void tellsACandidateWhoDidNotAcceptThatAColleagueDid() {
        atOps(accepted("ops2", OPS_TEAM)).when(new ReleaseTicket(ID, "ops4", APP, null, null))
                .expectNoEvents()
                .expectException(refused(ErrorCode.CONCURRENT_MODIFICATION));
    }

    @Test
    void refusesAUserWhoNeverWasACandidate() {
        atOps(accepted("ops2", OPS_TEAM)).when(new ReleaseTicket(ID, "sue", APP, null, null))
                .expectNoEvents()
                .expectException(refused(ErrorCode.NOT_A_PARTICIPANT));
    }

    @Test
    void refusesATicketAssignedDirectly() {
        fixture.given(TicketFixtures.created(Map.of("days", 2L)), TicketFixtures.submitted(Map.of()))
                .when(new ReleaseTicket(ID, "lena", APP, null, null))
                .expectNoEvents()
                .expectException(refused(ErrorCode.WRONG_STATE));
    }
}
