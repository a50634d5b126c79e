package dev.baton.command.ticket;

import dev.baton.api.error.ErrorCode;
import dev.baton.api.ticket.Assignment;
import dev.baton.api.ticket.TicketStatus;
import dev.baton.api.ticket.command.AcceptTicket;
import dev.baton.api.ticket.command.HandleTicket;
import dev.baton.api.ticket.event.TicketAccepted;
import dev.baton.api.ticket.event.TicketJumped;
import dev.baton.api.ticket.event.TicketTransferred;
import dev.baton.api.workflow.Distribution;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.baton.command.ticket.TicketFixtures.APP;
import static dev.baton.command.ticket.TicketFixtures.DIRECTOR;
import static dev.baton.command.ticket.TicketFixtures.ID;
import static dev.baton.command.ticket.TicketFixtures.NOW;
import static dev.baton.command.ticket.TicketFixtures.OPS;
import static dev.baton.command.ticket.TicketFixtures.OPS_TEAM;
import static dev.baton.command.ticket.TicketFixtures.refused;
import static dev.baton.command.ticket.PanelTicketTest.created;
import static dev.baton.command.ticket.PanelTicketTest.inReview;
import static dev.baton.command.ticket.PanelTicketTest.rejected;
import static dev.baton.command.ticket.PanelTicketTest.sequence;

/**
 * Somebody else acted first: a user who could act on the ticket (a participant, a candidate, one in line) until
 * another user's action took that away is told the ticket moved on (409, read it again), not that they may never act
 * (403). A user who never could act, or who names the version they read and cannot act at it, is refused with 403.
 */
class MovedOnTest {
    final PanelTicketTest sharing = new PanelTicketTest() { };

    FixtureConfiguration<Ticket> leave() {
        return TicketFixtures.newFixture();
    }

    static TicketAccepted accepted(String by, List<String> pool) {
        return new TicketAccepted(ID, by, NOW, new Assignment(Distribution.ACCEPT_FIRST, List.of(by), false,
                List.of(), null, List.of(), pool));
    }

    static HandleTicket handle(String actor, String transition, Long expectedVersion) {
        return new HandleTicket(ID, actor, APP, transition, Map.of(), null, expectedVersion);
    }

    @Test
    void aParticipantWhoseColleagueRejectedFirstIsToldTheTicketMovedOn() {
        sharing.fixture(Distribution.ANY_ONE)
                .given(created(), inReview(Assignment.of(Distribution.ANY_ONE, PanelTicketTest.PANEL)),
                        rejected("lena"))
                .when(handle("sam", "approve", null))
                .expectNoEvents()
                .expectException(refused(ErrorCode.CONCURRENT_MODIFICATION));
    }

    @Test
    void aVoterWhoseCountersignWasDecidedByAnotherIsToldTheTicketMovedOn() {
        sharing.fixture(Distribution.ALL)
                .given(created(), inReview(), rejected("lena"))
                .when(handle("dina", "approve", null))
                .expectNoEvents()
                .expectException(refused(ErrorCode.CONCURRENT_MODIFICATION));
    }

    @Test
    void oneWaitingInLineWhoseLineWasRejectedIsToldTheTicketMovedOn() {
        sharing.fixture(Distribution.SEQUENTIAL)
                .given(created(), inReview(sequence(List.of(), "lena", List.of("sam", "dina"))), rejected("lena"))
                .when(handle("sam", "approve", null))
                .expectNoEvents()
                .expectException(refused(ErrorCode.CONCURRENT_MODIFICATION));
    }

    @Test
    void aCandidateWhoseColleagueAcceptedAndPassedTheTicketOnIsToldItMovedOn() {
        leave().given(TicketFixtures.created(Map.of("days", 2L)), TicketFixtures.submitted(Map.of()),
                        TicketFixtures.leaderApproved(2), accepted("ops3", OPS_TEAM),
                        new TicketTransferred(ID, "ops3", NOW, "bob", null, Assignment.of(Distribution.ACCEPT_FIRST,
                                List.of("bob"))))
                .when(new AcceptTicket(ID, "ops4", APP, null))
                .expectNoEvents()
                .expectException(refused(ErrorCode.CONCURRENT_MODIFICATION));
    }

    @Test
    void aCandidateOfAStateAnAdminJumpedAwayFromIsToldItMovedOn() {
        leave().given(TicketFixtures.created(Map.of("days", 5L)), TicketFixtures.submitted(Map.of()),
                        TicketFixtures.leaderApproved(5),
                        new TicketJumped(ID, "admin", NOW, DIRECTOR, OPS, "urgent",
                                Assignment.of(Distribution.ACCEPT_FIRST, OPS_TEAM), TicketStatus.IN_PROGRESS))
                .when(new AcceptTicket(ID, "dina", APP, null))
                .expectNoEvents()
                .expectException(refused(ErrorCode.CONCURRENT_MODIFICATION));
    }

    @Test
    void aUserWhoNeverCouldActIsRefused() {
        sharing.fixture(Distribution.ANY_ONE)
                .given(created(), inReview(Assignment.of(Distribution.ANY_ONE, PanelTicketTest.PANEL)),
                        rejected("lena"))
                .when(handle("bob", "approve", null))
                .expectNoEvents()
                .expectException(refused(ErrorCode.NOT_A_PARTICIPANT));
        leave().given(TicketFixtures.created(Map.of("days", 5L)), TicketFixtures.submitted(Map.of()),
                        TicketFixtures.leaderApproved(5))
                .when(new AcceptTicket(ID, "ops1", APP, null))
                .expectNoEvents()
                .expectException(refused(ErrorCode.NOT_A_PARTICIPANT));
    }

    @Test
    void oneWhoReadTheVersionAfterTheOtherActedIsRefused() {
        // created (0), submitted (1), rejected (2): sam read version 2, where he has nothing to do
        sharing.fixture(Distribution.ANY_ONE)
                .given(created(), inReview(Assignment.of(Distribution.ANY_ONE, PanelTicketTest.PANEL)),
                        rejected("lena"))
                .when(handle("sam", "approve", 2L))
                .expectNoEvents()
                .expectException(refused(ErrorCode.NOT_A_PARTICIPANT));
    }

    @Test
    void oneWhoReadAnEarlierVersionIsToldTheTicketMovedOn() {
        sharing.fixture(Distribution.ANY_ONE)
                .given(created(), inReview(Assignment.of(Distribution.ANY_ONE, PanelTicketTest.PANEL)),
                        rejected("lena"))
                .when(handle("sam", "approve", 1L))
                .expectNoEvents()
                .expectException(refused(ErrorCode.CONCURRENT_MODIFICATION));
    }

    @Test
    void oneWhoActedThemselvesAndTriesAgainIsRefused() {
        leave().given(TicketFixtures.created(Map.of("days", 2L)), TicketFixtures.submitted(Map.of()),
                        TicketFixtures.leaderApproved(2))
                .when(handle("lena", "leader_approve", null))
                .expectNoEvents()
                .expectException(refused(ErrorCode.NOT_A_PARTICIPANT));
    }

    @Test
    void oneWhoGetsTheTicketBackCanActAgain() {
        leave().given(TicketFixtures.created(Map.of("days", 2L)), TicketFixtures.submitted(Map.of()),
                        TicketFixtures.leaderApproved(2), accepted("ops3", OPS_TEAM),
                        new TicketTransferred(ID, "ops3", NOW, "ops4", null, Assignment.of(Distribution.ACCEPT_FIRST,
                                List.of("ops4"))))
                .when(handle("ops4", "complete", null))
                .expectSuccessfulHandlerExecution();
    }
}
