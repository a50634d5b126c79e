package dev.baton.command.ticket.sendback;

import dev.baton.api.error.ErrorCode;
import dev.baton.api.ticket.Assignment;
import dev.baton.api.ticket.TicketStatus;
import dev.baton.api.ticket.command.SendBackTicket;
import dev.baton.api.ticket.event.TicketAccepted;
import dev.baton.api.ticket.event.TicketHandled;
import dev.baton.api.ticket.event.TicketSentBack;
import dev.baton.api.workflow.Distribution;
import dev.baton.command.ticket.Ticket;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.baton.command.ticket.TicketFixtures.APP;
import static dev.baton.command.ticket.TicketFixtures.DIRECTOR;
import static dev.baton.command.ticket.TicketFixtures.DIRECTORS;
import static dev.baton.command.ticket.TicketFixtures.DONE;
import static dev.baton.command.ticket.TicketFixtures.DRAFT;
import static dev.baton.command.ticket.TicketFixtures.ID;
import static dev.baton.command.ticket.TicketFixtures.LEADER;
import static dev.baton.command.ticket.TicketFixtures.NOW;
import static dev.baton.command.ticket.TicketFixtures.OPS;
import static dev.baton.command.ticket.TicketFixtures.OPS_TEAM;
import static dev.baton.command.ticket.TicketFixtures.created;
import static dev.baton.command.ticket.TicketFixtures.handle;
import static dev.baton.command.ticket.TicketFixtures.leaderApproved;
import static dev.baton.command.ticket.TicketFixtures.newFixture;
import static dev.baton.command.ticket.TicketFixtures.refused;
import static dev.baton.command.ticket.TicketFixtures.submitted;
import static dev.baton.command.ticket.TicketFixtures.t;

/** Sending a ticket back to a state it passed through, to whoever handled it there, optionally asking for it straight back. */
class SendBackTest {
    static final Assignment WITH_ALICE = Assignment.of(Distribution.ANY_ONE, List.of("alice"));
    static final Assignment WITH_LENA = Assignment.of(Distribution.ANY_ONE, List.of("lena"));

    static TicketAccepted accepted(String by, List<String> pool) {
        return new TicketAccepted(ID, by, NOW, new Assignment(Distribution.ACCEPT_FIRST, List.of(by), false,
                List.of(), null, List.of(), pool));
    }

    static SendBackTicket sendBack(String actor, String to, boolean resubmitToMe) {
        return new SendBackTicket(ID, actor, APP, to, "please fix", resubmitToMe, null);
    }

    /** Five days: leader, then director dina (accepted), then ops3 (accepted) at ops. */
    static Object[] atOpsAfterDirector() {
        return new Object[]{created(Map.of("days", 5L)), submitted(Map.of()), leaderApproved(5),
                accepted("dina", DIRECTORS),
                new TicketHandled(ID, "dina", NOW, t("director_approve"), DIRECTOR, OPS, Map.of(), null,
                        Assignment.of(Distribution.ACCEPT_FIRST, OPS_TEAM), TicketStatus.IN_PROGRESS),
                accepted("ops3", OPS_TEAM)};
    }

    FixtureConfiguration<Ticket> fixture;

    @BeforeEach
    void setUp() {
        fixture = newFixture();
    }

    @Test
    void sendsTheTicketBackToTheCreatorAsADraft() {
        fixture.given(created(Map.of("days", 2L)), submitted(Map.of()))
                .when(sendBack("lena", "draft", false))
                .expectEvents(new TicketSentBack(ID, "lena", NOW, LEADER, DRAFT, "please fix", WITH_ALICE,
                        TicketStatus.DRAFT, null));
    }

    @Test
    void givesTheTicketToWhoeverHandledThatStateBefore() {
        fixture.given(atOpsAfterDirector())
                .when(sendBack("ops3", "director_approval", false))
                .expectEvents(new TicketSentBack(ID, "ops3", NOW, OPS, DIRECTOR, "please fix",
                        Assignment.of(Distribution.ACCEPT_FIRST, List.of("dina")), TicketStatus.IN_PROGRESS,
                        null));
    }

    @Test
    void resolvesTheStateAfreshWhenItsLastHandlerIsNoLongerActive() {
        fixture.given(created(Map.of("days", 5L)), submitted(Map.of()), leaderApproved(5),
                        new TicketHandled(ID, "ghost", NOW, t("director_approve"), DIRECTOR, OPS, Map.of(), null,
                                Assignment.of(Distribution.ACCEPT_FIRST, List.of("ops3")), TicketStatus.IN_PROGRESS))
                .when(sendBack("ops3", "director_approval", false))
                .expectEvents(new TicketSentBack(ID, "ops3", NOW, OPS, DIRECTOR, "please fix",
                        Assignment.of(Distribution.ACCEPT_FIRST, DIRECTORS), TicketStatus.IN_PROGRESS, null));
    }

    @Test
    void withResubmitToMeTheNextAgreementComesStraightBack() {
        fixture.given(created(Map.of("days", 2L)), submitted(Map.of()), leaderApproved(2),
                        accepted("ops3", OPS_TEAM),
                        new TicketSentBack(ID, "ops3", NOW, OPS, DRAFT, null, WITH_ALICE, TicketStatus.DRAFT, OPS))
                .when(handle("alice", "submit", Map.of()))
                .expectEvents(new TicketHandled(ID, "alice", NOW, t("submit"), DRAFT, OPS, Map.of(), null,
                        Assignment.of(Distribution.ACCEPT_FIRST, List.of("ops3")), TicketStatus.IN_PROGRESS));
    }

    @Test
    void withoutResubmitToMeTheFlowRunsAgainFromThere() {
        fixture.given(created(Map.of("days", 2L)), submitted(Map.of()), leaderApproved(2),
                        accepted("ops3", OPS_TEAM),
                        new TicketSentBack(ID, "ops3", NOW, OPS, DRAFT, null, WITH_ALICE, TicketStatus.DRAFT, null))
                .when(handle("alice", "submit", Map.of()))
                .expectEvents(new TicketHandled(ID, "alice", NOW, t("submit"), DRAFT, LEADER, Map.of(), null,
                        WITH_LENA, TicketStatus.IN_PROGRESS));
    }

    @Test
    void aRejectionWhereItWasSentBackDoesNotReturnItToTheSender() {
        fixture.given(created(Map.of("days", 2L)), submitted(Map.of()), leaderApproved(2),
                        accepted("ops3", OPS_TEAM),
                        new TicketSentBack(ID, "ops3", NOW, OPS, LEADER, null, WITH_LENA, TicketStatus.IN_PROGRESS,
                                OPS))
                .when(handle("lena", "leader_reject", Map.of()))
                .expectEvents(new TicketHandled(ID, "lena", NOW, t("leader_reject"), LEADER, DRAFT, Map.of(),
                        null, WITH_ALICE, TicketStatus.REJECTED));
    }

    @Test
    void refusesAStateTheTicketHasNotBeenIn() {
        fixture.given(created(Map.of("days", 2L)), submitted(Map.of()), leaderApproved(2),
                        accepted("ops3", OPS_TEAM))
                .when(sendBack("ops3", "director_approval", false))
                .expectNoEvents()
                .expectException(refused(ErrorCode.NOT_AN_EARLIER_STATE));
    }

    @Test
    void refusesTheCurrentStateAndAnEndState() {
        fixture.given(created(Map.of("days", 2L)), submitted(Map.of()))
                .when(sendBack("lena", "leader_approval", false))
                .expectException(refused(ErrorCode.NOT_AN_EARLIER_STATE));
        fixture.given(created(Map.of("days", 2L)), submitted(Map.of()))
                .when(sendBack("lena", DONE.key(), false))
                .expectException(refused(ErrorCode.NOT_AN_EARLIER_STATE));
    }

    @Test
    void refusesSomeoneWhoIsNotActingOnTheTicket() {
        fixture.given(created(Map.of("days", 2L)), submitted(Map.of()))
                .when(sendBack("sam", "draft", false))
                .expectNoEvents()
                .expectException(refused(ErrorCode.NOT_A_PARTICIPANT));
    }

    @Test
    void refusesACandidateWhoHasNotAccepted() {
        fixture.given(created(Map.of("days", 2L)), submitted(Map.of()), leaderApproved(2))
                .when(sendBack("ops2", "draft", false))
                .expectNoEvents()
                .expectException(refused(ErrorCode.ACCEPT_REQUIRED));
    }

    @Test
    void refusesWithoutATargetState() {
        fixture.given(created(Map.of("days", 2L)), submitted(Map.of()))
                .when(sendBack("lena", " ", false))
                .expectNoEvents()
                .expectException(refused(ErrorCode.INVALID_INPUT));
    }
}
