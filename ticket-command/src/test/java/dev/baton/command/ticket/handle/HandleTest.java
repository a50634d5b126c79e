package dev.baton.command.ticket.handle;

import dev.baton.api.error.ErrorCode;
import dev.baton.api.ticket.Assignment;
import dev.baton.api.ticket.TicketStatus;
import dev.baton.api.ticket.command.HandleTicket;
import dev.baton.api.ticket.event.TicketAccepted;
import dev.baton.api.ticket.event.TicketHandled;
import dev.baton.api.workflow.Distribution;
import dev.baton.command.ticket.Ticket;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.baton.command.ticket.TicketFixtures.APP;
import static dev.baton.command.ticket.TicketFixtures.DONE;
import static dev.baton.command.ticket.TicketFixtures.DRAFT;
import static dev.baton.command.ticket.TicketFixtures.ID;
import static dev.baton.command.ticket.TicketFixtures.LEADER;
import static dev.baton.command.ticket.TicketFixtures.NOW;
import static dev.baton.command.ticket.TicketFixtures.OPS;
import static dev.baton.command.ticket.TicketFixtures.created;
import static dev.baton.command.ticket.TicketFixtures.fixture;
import static dev.baton.command.ticket.TicketFixtures.handle;
import static dev.baton.command.ticket.TicketFixtures.leaderApproved;
import static dev.baton.command.ticket.TicketFixtures.newFixture;
import static dev.baton.command.ticket.TicketFixtures.refused;
import static dev.baton.command.ticket.TicketFixtures.submitted;
import static dev.baton.command.ticket.TicketFixtures.t;

/**
 * Handling: a current participant takes a transition out of the current state, routed by its conditions, with the
 * fields editable there. Given earlier events, when a command, expect events or a refusal.
 */
class HandleTest {
    FixtureConfiguration<Ticket> fixture;

    @BeforeEach
    void setUp() {
        fixture = newFixture();
    }

    @Test
    void leaderApprovalOfAShortLeaveGoesToOpsWhoMustAccept() {
        fixture.given(created(Map.of("days", 2L)), submitted(Map.of()))
                .when(handle("lena", "leader_approve", Map.of()))
                .expectEvents(leaderApproved(2));
    }

    @Test
    void leaderApprovalOfALongLeaveRoutesToTheDirectors() {
        fixture.given(created(Map.of("days", 5L)), submitted(Map.of()))
                .when(handle("lena", "leader_approve", Map.of()))
                .expectEvents(leaderApproved(5));
    }

    @Test
    void leaderRejectionSendsTheTicketBackToTheCreator() {
        fixture.given(created(Map.of("days", 2L)), submitted(Map.of()))
                .when(handle("lena", "leader_reject", Map.of()))
                .expectEvents(new TicketHandled(ID, "lena", NOW, t("leader_reject"), LEADER, DRAFT, Map.of(), null,
                        Assignment.of(Distribution.ANY_ONE, List.of("alice")), TicketStatus.REJECTED));
    }

    @Test
    void aNullValueClearsTheFieldAsAPatchDoes() {
        Map<String, Object> noReason = new HashMap<>();
        noReason.put("reason", null);
        fixture.given(created(Map.of("days", 2L, "reason", "rest")), submitted(Map.of()),
                        new TicketHandled(ID, "lena", NOW, t("leader_reject"), LEADER, DRAFT, Map.of(), null,
                                Assignment.of(Distribution.ANY_ONE, List.of("alice")), TicketStatus.REJECTED))
                .when(handle("alice", "submit", noReason))
                .expectEvents(new TicketHandled(ID, "alice", NOW, t("submit"), DRAFT, LEADER, noReason,
                        null, Assignment.of(Distribution.ANY_ONE, List.of("lena")), TicketStatus.IN_PROGRESS));
    }

    @Test
    void aNullValueForAnEmptyFieldChangesNothing() {
        Map<String, Object> noStart = new HashMap<>();
        noStart.put("start_date", null);
        fixture.given(created(Map.of("days", 2L)), submitted(Map.of()),
                        new TicketHandled(ID, "lena", NOW, t("leader_reject"), LEADER, DRAFT, Map.of(), null,
                                Assignment.of(Distribution.ANY_ONE, List.of("alice")), TicketStatus.REJECTED))
                .when(handle("alice", "submit", noStart))
                .expectEvents(new TicketHandled(ID, "alice", NOW, t("submit"), DRAFT, LEADER, Map.of(),
                        null, Assignment.of(Distribution.ANY_ONE, List.of("lena")), TicketStatus.IN_PROGRESS));
    }

    @Test
    void aNullValueForARequiredFieldIsRefused() {
        Map<String, Object> noDays = new HashMap<>();
        noDays.put("days", null);
        fixture.given(created(Map.of("days", 2L)), submitted(Map.of()),
                        new TicketHandled(ID, "lena", NOW, t("leader_reject"), LEADER, DRAFT, Map.of(), null,
                                Assignment.of(Distribution.ANY_ONE, List.of("alice")), TicketStatus.REJECTED))
                .when(handle("alice", "submit", noDays))
                .expectNoEvents()
                .expectException(refused(ErrorCode.REQUIRED_FIELD_MISSING));
    }

    @Test
    void aClearedFieldStaysClearedForTheRules() {
        Map<String, Object> noDays = new HashMap<>();
        noDays.put("days", null);
        // the leader's rejection cleared the days: resubmitting without them is refused
        fixture.given(created(Map.of("days", 2L)), submitted(Map.of()),
                        new TicketHandled(ID, "lena", NOW, t("leader_reject"), LEADER, DRAFT, noDays, null,
                                Assignment.of(Distribution.ANY_ONE, List.of("alice")), TicketStatus.REJECTED))
                .when(handle("alice", "submit", Map.of()))
                .expectNoEvents()
                .expectException(refused(ErrorCode.REQUIRED_FIELD_MISSING));
    }

    @Test
    void theCreatorResubmitsARejectedTicket() {
        fixture.given(created(Map.of("days", 2L)), submitted(Map.of()),
                        new TicketHandled(ID, "lena", NOW, t("leader_reject"), LEADER, DRAFT, Map.of(), null,
                                Assignment.of(Distribution.ANY_ONE, List.of("alice")), TicketStatus.REJECTED))
                .when(handle("alice", "submit", Map.of("days", 1)))
                .expectEvents(new TicketHandled(ID, "alice", NOW, t("submit"), DRAFT, LEADER, Map.of("days", 1L),
                        null, Assignment.of(Distribution.ANY_ONE, List.of("lena")), TicketStatus.IN_PROGRESS));
    }

    @Test
    void refusesAUserWhoIsNotACurrentParticipant() {
        fixture.given(created(Map.of("days", 2L)), submitted(Map.of()))
                .when(handle("bob", "leader_approve", Map.of()))
                .expectNoEvents()
                .expectException(refused(ErrorCode.NOT_A_PARTICIPANT));
    }

    @Test
    void refusesHandlingBeforeOneCandidateAccepted() {
        fixture.given(created(Map.of("days", 2L)), submitted(Map.of()), leaderApproved(2))
                .when(handle("ops1", "complete", Map.of()))
                .expectException(refused(ErrorCode.ACCEPT_REQUIRED));
    }

    @Test
    void refusesATransitionThatDoesNotLeaveTheCurrentState() {
        fixture.given(created(Map.of("days", 2L)), submitted(Map.of()))
                .when(handle("lena", "complete", Map.of()))
                .expectException(refused(ErrorCode.TRANSITION_NOT_AVAILABLE));
    }

    @Test
    void refusesAChangeToAReadOnlyField() {
        fixture.given(created(Map.of("days", 2L)), submitted(Map.of()))
                .when(handle("lena", "leader_approve", Map.of("days", 1)))
                .expectException(refused(ErrorCode.FIELD_READ_ONLY));
    }

    @Test
    void opsCompletesTheTicketWithANote() {
        fixture.given(created(Map.of("days", 2L)), submitted(Map.of()), leaderApproved(2),
                        new TicketAccepted(ID, "ops3", NOW, new Assignment(Distribution.ACCEPT_FIRST, List.of("ops3"), false, List.of(), null)))
                .when(handle("ops3", "complete", Map.of("ops_note", "booked")))
                .expectEvents(new TicketHandled(ID, "ops3", NOW, t("complete"), OPS, DONE,
                        Map.of("ops_note", "booked"), null, Assignment.nobody(), TicketStatus.FINISHED));
    }

    @Test
    void refusesAnyActionOnAFinishedTicket() {
        fixture.given(created(Map.of("days", 2L)), submitted(Map.of()), leaderApproved(2),
                        new TicketAccepted(ID, "ops3", NOW, new Assignment(Distribution.ACCEPT_FIRST, List.of("ops3"), false, List.of(), null)),
                        new TicketHandled(ID, "ops3", NOW, t("complete"), OPS, DONE, Map.of(), null,
                                Assignment.nobody(), TicketStatus.FINISHED))
                .when(handle("ops3", "complete", Map.of()))
                .expectException(refused(ErrorCode.WRONG_STATE));
    }

    @Test
    void refusesACommandNamingAnOutdatedVersion() {
        fixture.given(created(Map.of("days", 2L)), submitted(Map.of()))
                .when(new HandleTicket(ID, "lena", APP, "leader_approve", Map.of(), null, 0L))
                .expectNoEvents()
                .expectException(refused(ErrorCode.CONCURRENT_MODIFICATION));
    }

    @Test
    void acceptsACommandNamingTheCurrentVersion() {
        fixture.given(created(Map.of("days", 2L)), submitted(Map.of()))
                .when(new HandleTicket(ID, "lena", APP, "leader_approve", Map.of(), null, 1L))
                .expectEvents(leaderApproved(2));
    }
}
