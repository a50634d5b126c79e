package dev.baton.command.ticket.addsign;

import dev.baton.api.error.ErrorCode;
import dev.baton.api.ticket.Assignment;
import dev.baton.api.ticket.SignMode;
import dev.baton.api.ticket.SignPosition;
import dev.baton.api.ticket.TicketStatus;
import dev.baton.api.ticket.TransitionRef;
import dev.baton.api.ticket.command.AddSign;
import dev.baton.api.ticket.command.FinishSign;
import dev.baton.api.ticket.event.CountersignRecorded;
import dev.baton.api.ticket.event.SignAdded;
import dev.baton.api.ticket.event.SignFinished;
import dev.baton.api.ticket.event.TicketHandled;
import dev.baton.api.ticket.event.TicketReassigned;
import dev.baton.api.workflow.Distribution;
import dev.baton.command.ticket.Ticket;
import dev.baton.command.ticket.TicketFixtures;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.baton.command.ticket.TicketFixtures.APP;
import static dev.baton.command.ticket.TicketFixtures.ID;
import static dev.baton.command.ticket.TicketFixtures.LEADER;
import static dev.baton.command.ticket.TicketFixtures.NOW;
import static dev.baton.command.ticket.TicketFixtures.created;
import static dev.baton.command.ticket.TicketFixtures.handle;
import static dev.baton.command.ticket.TicketFixtures.leaderApproved;
import static dev.baton.command.ticket.TicketFixtures.refused;
import static dev.baton.command.ticket.TicketFixtures.submitted;
import static dev.baton.command.ticket.TicketFixtures.t;

/**
 * Add-sign as modern approval products have it: signers before the participant (they answer, then the participant
 * decides), after (the participant's decision waits for their agreement) or in parallel, several of them in any-one,
 * all or sequential mode. Lena holds a two-day leave request at leader approval; given earlier events, when a
 * command, expect events or a refusal.
 */
class AddSignTest {
    static final Assignment LENA = Assignment.of(Distribution.ANY_ONE, List.of("lena"));
    static final TransitionRef LEADER_APPROVE = t("leader_approve");

    final FixtureConfiguration<Ticket> fixture = TicketFixtures.newFixture();

    static AddSign add(SignPosition position, SignMode mode, String transition, String... users) {
        return new AddSign(ID, "lena", APP, List.of(users), position, mode, transition, "please look", null);
    }

    static SignAdded added(SignPosition position, SignMode mode, TransitionRef transition, Assignment assignment,
                           String... users) {
        return new SignAdded(ID, "lena", NOW, users[0], "please look", assignment, List.of(users), position, mode,
                transition);
    }

    static FinishSign answer(String signer, boolean agree) {
        return new FinishSign(ID, signer, APP, agree, agree ? "fine" : "no", null);
    }

    static SignFinished answered(String signer, boolean agree, Assignment next, boolean pending) {
        return new SignFinished(ID, signer, NOW, "lena", agree ? "fine" : "no", next, agree, pending);
    }

    @Nested
    class Before {
        final SignAdded allOfThem = added(SignPosition.BEFORE, SignMode.ALL, null,
                new Assignment(Distribution.ALL, List.of("bob", "sam"), false, List.of(), "lena"), "bob", "sam");

        @Test
        void anyOneSignerAnswersForAllThenTheTicketReturns() {
            SignAdded anyOne = added(SignPosition.BEFORE, SignMode.ANY, null,
                    new Assignment(Distribution.ANY_ONE, List.of("bob", "sam"), false, List.of(), "lena"),
                    "bob", "sam");
            fixture.given(created(Map.of("days", 2L)), submitted(Map.of()))
                    .when(add(SignPosition.BEFORE, SignMode.ANY, null, "bob", "sam"))
                    .expectEvents(anyOne);
            TicketFixtures.newFixture().given(created(Map.of("days", 2L)), submitted(Map.of()), anyOne)
                    .when(answer("sam", true))
                    .expectEvents(answered("sam", true, LENA, false));
        }

        @Test
        void allSignersMustAnswerBeforeItReturns() {
            fixture.given(created(Map.of("days", 2L)), submitted(Map.of()), allOfThem)
                    .when(answer("sam", true))
                    .expectEvents(answered("sam", true,
                            new Assignment(Distribution.ALL, List.of("bob"), false, List.of("sam"), "lena"), true));
        }

        @Test
        void theLastOfAllReturnsItAndAnObjectionIsOnlyAdvice() {
            fixture.given(created(Map.of("days", 2L)), submitted(Map.of()), allOfThem,
                            answered("sam", true, new Assignment(Distribution.ALL, List.of("bob"), false,
                                    List.of("sam"), "lena"), true))
                    .when(answer("bob", false))
                    .expectEvents(answered("bob", false, LENA, false));
        }

        @Test
        void sequentialSignersAnswerInTheOrderGiven() {
            SignAdded inTurn = added(SignPosition.BEFORE, SignMode.SEQUENTIAL, null,
                    new Assignment(Distribution.SEQUENTIAL, List.of("sam"), false, List.of(), "lena",
                            List.of("bob", "sue"), List.of()), "sam", "bob", "sue");
            fixture.given(created(Map.of("days", 2L)), submitted(Map.of()))
                    .when(add(SignPosition.BEFORE, SignMode.SEQUENTIAL, null, "sam", "bob", "sue"))
                    .expectEvents(inTurn);
            TicketFixtures.newFixture().given(created(Map.of("days", 2L)), submitted(Map.of()), inTurn)
                    .when(answer("bob", true))
                    .expectException(refused(ErrorCode.NOT_A_PARTICIPANT));
            TicketFixtures.newFixture().given(created(Map.of("days", 2L)), submitted(Map.of()), inTurn)
                    .when(answer("sam", true))
                    .expectEvents(answered("sam", true, new Assignment(Distribution.SEQUENTIAL, List.of("bob"), false,
                            List.of("sam"), "lena", List.of("sue"), List.of()), true));
        }

        @Test
        void signersDeactivatedBeforeTheirTurnArePassedOver() {
            SignAdded inTurn = added(SignPosition.BEFORE, SignMode.SEQUENTIAL, null,
                    new Assignment(Distribution.SEQUENTIAL, List.of("sam"), false, List.of(), "lena",
                            List.of("ghost", "sue"), List.of()), "sam", "ghost", "sue");
            fixture.given(created(Map.of("days", 2L)), submitted(Map.of()), inTurn)
                    .when(answer("sam", true))
                    .expectEvents(answered("sam", true, new Assignment(Distribution.SEQUENTIAL, List.of("sue"), false,
                            List.of("sam"), "lena", List.of(), List.of()), true));
        }

        @Test
        void theParticipantDecidesOnceTheSignersHaveAnswered() {
            fixture.given(created(Map.of("days", 2L)), submitted(Map.of()), allOfThem,
                            answered("sam", true, new Assignment(Distribution.ALL, List.of("bob"), false,
                                    List.of("sam"), "lena"), true),
                            answered("bob", true, LENA, false))
                    .when(handle("lena", "leader_approve", Map.of()))
                    .expectEvents(leaderApproved(2));
        }

        @Test
        void nobodyHandlesWhileSignersAreStillToAnswer() {
            fixture.given(created(Map.of("days", 2L)), submitted(Map.of()), allOfThem)
                    .when(handle("lena", "leader_approve", Map.of()))
                    .expectException(refused(ErrorCode.WRONG_STATE));
        }
    }

    @Nested
    class After {
        final SignAdded afterLena = added(SignPosition.AFTER, SignMode.ALL, LEADER_APPROVE,
                new Assignment(Distribution.ALL, List.of("bob", "sam"), false, List.of(), "lena"), "bob", "sam");

        @Test
        void holdsTheParticipantsDecisionForTheSigners() {
            fixture.given(created(Map.of("days", 2L)), submitted(Map.of()))
                    .when(add(SignPosition.AFTER, SignMode.ALL, "leader_approve", "bob", "sam"))
                    .expectEvents(afterLena);
        }

        @Test
        void theDecisionTakesEffectWhenTheLastSignerAgrees() {
            fixture.given(created(Map.of("days", 2L)), submitted(Map.of()), afterLena,
                            answered("bob", true, new Assignment(Distribution.ALL, List.of("sam"), false,
                                    List.of("bob"), "lena"), true))
                    .when(answer("sam", true))
                    .expectEvents(answered("sam", true, LENA, false), leaderApproved(2));
        }

        @Test
        void anObjectionReturnsTheTicketToTheParticipantWithTheDecisionUndone() {
            fixture.given(created(Map.of("days", 2L)), submitted(Map.of()), afterLena)
                    .when(answer("bob", false))
                    .expectEvents(answered("bob", false, LENA, false));
            TicketFixtures.newFixture().given(created(Map.of("days", 2L)), submitted(Map.of()), afterLena,
                            answered("bob", false, LENA, false))
                    .when(handle("lena", "leader_reject", Map.of()))
                    .expectSuccessfulHandlerExecution();
        }

        @Test
        void whenEverySignerLeftInLineWasDeactivatedTheParticipantDecidesAgain() {
            SignAdded inTurn = added(SignPosition.AFTER, SignMode.SEQUENTIAL, LEADER_APPROVE,
                    new Assignment(Distribution.SEQUENTIAL, List.of("sam"), false, List.of(), "lena",
                            List.of("ghost"), List.of()), "sam", "ghost");
            fixture.given(created(Map.of("days", 2L)), submitted(Map.of()), inTurn)
                    .when(answer("sam", true))
                    .expectEvents(answered("sam", true, LENA, false));
        }

        @Test
        void refusesWithoutADecisionToHold() {
            fixture.given(created(Map.of("days", 2L)), submitted(Map.of()))
                    .when(add(SignPosition.AFTER, SignMode.ANY, null, "bob"))
                    .expectException(refused(ErrorCode.INVALID_INPUT));
        }

        @Test
        void refusesARejectionToHold() {
            fixture.given(created(Map.of("days", 2L)), submitted(Map.of()))
                    .when(add(SignPosition.AFTER, SignMode.ANY, "leader_reject", "bob"))
                    .expectException(refused(ErrorCode.INVALID_INPUT));
        }

        @Test
        void refusesATransitionThatDoesNotLeaveTheState() {
            fixture.given(created(Map.of("days", 2L)), submitted(Map.of()))
                    .when(add(SignPosition.AFTER, SignMode.ANY, "complete", "bob"))
                    .expectException(refused(ErrorCode.TRANSITION_NOT_AVAILABLE));
        }

        @Test
        void anAdminReassignmentDropsTheHeldDecision() {
            Assignment toSue = Assignment.of(Distribution.ANY_ONE, List.of("sue"));
            fixture.given(created(Map.of("days", 2L)), submitted(Map.of()), afterLena,
                            new TicketReassigned(ID, "admin", NOW, List.of("bob", "sam"), false, "stuck", toSue))
                    .when(answer("sue", true))
                    .expectException(refused(ErrorCode.WRONG_STATE));
        }
    }

    @Nested
    class Parallel {
        @Test
        void inAnyModeTheSignersShareTheParticipantsPlace() {
            SignAdded shared = added(SignPosition.PARALLEL, SignMode.ANY, null,
                    Assignment.of(Distribution.ANY_ONE, List.of("lena", "bob")), "bob");
            fixture.given(created(Map.of("days", 2L)), submitted(Map.of()))
                    .when(add(SignPosition.PARALLEL, SignMode.ANY, null, "bob"))
                    .expectEvents(shared);
            TicketFixtures.newFixture().given(created(Map.of("days", 2L)), submitted(Map.of()), shared)
                    .when(handle("bob", "leader_approve", Map.of()))
                    .expectEvents(new TicketHandled(ID, "bob", NOW, LEADER_APPROVE, LEADER, TicketFixtures.OPS, Map.of(), null,
                            Assignment.of(Distribution.ACCEPT_FIRST, TicketFixtures.OPS_TEAM), TicketStatus.IN_PROGRESS));
        }

        @Test
        void inAllModeEachMustActAsInACountersign() {
            SignAdded together = added(SignPosition.PARALLEL, SignMode.ALL, null,
                    new Assignment(Distribution.ALL, List.of("lena", "bob", "sam"), false, List.of(), null),
                    "bob", "sam");
            fixture.given(created(Map.of("days", 2L)), submitted(Map.of()))
                    .when(add(SignPosition.PARALLEL, SignMode.ALL, null, "bob", "sam"))
                    .expectEvents(together);
            TicketFixtures.newFixture().given(created(Map.of("days", 2L)), submitted(Map.of()), together)
                    .when(handle("lena", "leader_approve", Map.of()))
                    .expectEvents(new CountersignRecorded(ID, "lena", NOW, LEADER_APPROVE, LEADER, Map.of(), null,
                            new Assignment(Distribution.ALL, List.of("bob", "sam"), false, List.of("lena"), null)));
        }

        @Test
        void refusesSequentialMode() {
            fixture.given(created(Map.of("days", 2L)), submitted(Map.of()))
                    .when(add(SignPosition.PARALLEL, SignMode.SEQUENTIAL, null, "bob"))
                    .expectException(refused(ErrorCode.INVALID_INPUT));
        }
    }

    @Nested
    class Refusals {
        @Test
        void refusesNoSigners() {
            fixture.given(created(Map.of("days", 2L)), submitted(Map.of()))
                    .when(add(SignPosition.BEFORE, SignMode.ANY, null))
                    .expectException(refused(ErrorCode.INVALID_INPUT));
        }

        @Test
        void refusesTheSameSignerTwice() {
            fixture.given(created(Map.of("days", 2L)), submitted(Map.of()))
                    .when(add(SignPosition.BEFORE, SignMode.ALL, null, "bob", "bob"))
                    .expectException(refused(ErrorCode.INVALID_INPUT));
        }

        @Test
        void refusesAnInactiveSigner() {
            fixture.given(created(Map.of("days", 2L)), submitted(Map.of()))
                    .when(add(SignPosition.BEFORE, SignMode.ALL, null, "bob", "ghost"))
                    .expectException(refused(ErrorCode.USER_NOT_FOUND));
        }

        @Test
        void refusesACurrentParticipantAsSigner() {
            fixture.given(created(Map.of("days", 2L)), submitted(Map.of()))
                    .when(add(SignPosition.BEFORE, SignMode.ANY, null, "lena"))
                    .expectException(refused(ErrorCode.INVALID_INPUT));
        }

        @Test
        void refusesAnAddSignByANonParticipant() {
            fixture.given(created(Map.of("days", 2L)), submitted(Map.of()))
                    .when(new AddSign(ID, "sam", APP, List.of("bob"), SignPosition.BEFORE, SignMode.ANY, null, null,
                            null))
                    .expectException(refused(ErrorCode.NOT_A_PARTICIPANT));
        }

        @Test
        void refusesASecondAddSignWhileOneIsOpen() {
            fixture.given(created(Map.of("days", 2L)), submitted(Map.of()),
                            added(SignPosition.BEFORE, SignMode.ANY, null,
                                    new Assignment(Distribution.ANY_ONE, List.of("bob"), false, List.of(), "lena"),
                                    "bob"))
                    .when(new AddSign(ID, "bob", APP, List.of("sam"), SignPosition.BEFORE, SignMode.ANY, null, null,
                            null))
                    .expectException(refused(ErrorCode.WRONG_STATE));
        }

        @Test
        void refusesTooManySigners() {
            String[] many = new String[AddSigners.MAX_SIGNERS + 1];
            for (int i = 0; i < many.length; i++) {
                many[i] = "user" + i;
            }
            fixture.given(created(Map.of("days", 2L)), submitted(Map.of()))
                    .when(add(SignPosition.BEFORE, SignMode.ALL, null, many))
                    .expectException(refused(ErrorCode.INVALID_INPUT));
        }
    }
}
