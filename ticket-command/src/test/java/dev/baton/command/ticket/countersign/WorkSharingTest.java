package dev.baton.command.ticket.countersign;

import dev.baton.api.error.ErrorCode;
import dev.baton.api.ticket.command.TransferTicket;
import dev.baton.api.ticket.event.CountersignRecorded;
import dev.baton.api.ticket.event.TicketTransferred;
import dev.baton.api.workflow.Countersign;
import dev.baton.api.workflow.Distribution;
import dev.baton.api.workflow.Fallback;
import dev.baton.command.ticket.PanelTicketTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.baton.command.ticket.TicketFixtures.APP;
import static dev.baton.command.ticket.TicketFixtures.ID;
import static dev.baton.command.ticket.TicketFixtures.NOW;
import static dev.baton.command.ticket.TicketFixtures.refused;

/**
 * Where several participants must act: one after another, or all of them with a countersign decided by its policy.
 * Given earlier events, when a command, expect events or a refusal.
 */
class WorkSharingTest extends PanelTicketTest {
    @Nested
    class Sequential {
        @Test
        void givesTheTicketToTheFirstParticipantAndQueuesTheRestInOrder() {
            fixture(Distribution.SEQUENTIAL).given(created())
                    .when(handle("alice", "submit"))
                    .expectEvents(inReview(sequence(List.of(), "lena", List.of("sam", "dina"))));
        }

        @Test
        void anAgreementPassesTheTicketToTheNextInLine() {
            fixture(Distribution.SEQUENTIAL).given(created(), inReview(sequence(List.of(), "lena", List.of("sam", "dina"))))
                    .when(handle("lena", "approve"))
                    .expectEvents(new CountersignRecorded(ID, "lena", NOW, APPROVE, REVIEW, Map.of(), null,
                            sequence(List.of("lena"), "sam", List.of("dina"))));
        }

        @Test
        void theLastAgreementMovesTheTicketOn() {
            fixture(Distribution.SEQUENTIAL).given(created(), inReview(sequence(List.of(), "lena", List.of("sam", "dina"))),
                            new CountersignRecorded(ID, "lena", NOW, APPROVE, REVIEW, Map.of(), null,
                                    sequence(List.of("lena"), "sam", List.of("dina"))),
                            new CountersignRecorded(ID, "sam", NOW, APPROVE, REVIEW, Map.of(), null,
                                    sequence(List.of("lena", "sam"), "dina", List.of())))
                    .when(handle("dina", "approve"))
                    .expectEvents(approved("dina"));
        }

        @Test
        void aRejectionRejectsAtOnce() {
            fixture(Distribution.SEQUENTIAL).given(created(), inReview(sequence(List.of(), "lena", List.of("sam", "dina"))))
                    .when(handle("lena", "reject"))
                    .expectEvents(rejected("lena"));
        }

        @Test
        void passesOverThoseInLineWhoWereDeactivatedMeanwhile() {
            // ghost left the directory after the ticket arrived
            fixture(Distribution.SEQUENTIAL).given(created(), inReview(sequence(List.of(), "lena", List.of("ghost", "dina"))))
                    .when(handle("lena", "approve"))
                    .expectEvents(new CountersignRecorded(ID, "lena", NOW, APPROVE, REVIEW, Map.of(), null,
                            sequence(List.of("lena"), "dina", List.of())));
        }

        @Test
        void theFallbackTakesTheTurnWhenEveryoneLeftInLineWasDeactivated() {
            fixture(panel(Distribution.SEQUENTIAL, null, new Fallback(Fallback.Kind.USER, "sara")))
                    .given(created(), inReview(sequence(List.of(), "lena", List.of("ghost"))))
                    .when(handle("lena", "approve"))
                    .expectEvents(new CountersignRecorded(ID, "lena", NOW, APPROVE, REVIEW, Map.of(), null,
                            sequence(List.of("lena"), "sara", List.of())));
        }

        @Test
        void refusesTheAgreementWhenNobodyInLineNorTheFallbackIsActive() {
            fixture(Distribution.SEQUENTIAL).given(created(), inReview(sequence(List.of(), "lena", List.of("ghost"))))
                    .when(handle("lena", "approve"))
                    .expectNoEvents()
                    .expectException(refused(ErrorCode.NO_PARTICIPANTS));
        }

        @Test
        void refusesAParticipantWhoseTurnHasNotCome() {
            fixture(Distribution.SEQUENTIAL).given(created(), inReview(sequence(List.of(), "lena", List.of("sam", "dina"))))
                    .when(handle("sam", "approve"))
                    .expectNoEvents()
                    .expectException(refused(ErrorCode.NOT_A_PARTICIPANT));
        }

        @Test
        void aTransferKeepsTheOthersInLine() {
            fixture(Distribution.SEQUENTIAL).given(created(), inReview(sequence(List.of(), "lena", List.of("sam", "dina"))))
                    .when(new TransferTicket(ID, "lena", APP, "bob", "away", null))
                    .expectEvents(new TicketTransferred(ID, "lena", NOW, "bob", "away",
                            sequence(List.of(), "bob", List.of("sam", "dina"))));
        }

        @Test
        void refusesATransferToSomeoneAlreadyInLine() {
            fixture(Distribution.SEQUENTIAL).given(created(), inReview(sequence(List.of(), "lena", List.of("sam", "dina"))))
                    .when(new TransferTicket(ID, "lena", APP, "dina", null, null))
                    .expectNoEvents()
                    .expectException(refused(ErrorCode.INVALID_INPUT));
        }
    }

    @Nested
    class CountersignPolicies {
        @Test
        void vetoRejectsAtTheFirstRejection() {
            countersign(Countersign.VETO).given(created(), inReview())
                    .when(handle("lena", "reject"))
                    .expectEvents(rejected("lena"));
        }

        @Test
        void unanimousRecordsARejectionAndWaitsForTheOthers() {
            countersign(new Countersign(Countersign.Policy.UNANIMOUS, null, null)).given(created(), inReview())
                    .when(handle("lena", "reject"))
                    .expectEvents(vote("lena", REJECT, List.of("sam", "dina"), List.of("lena")));
        }

        @Test
        void unanimousMovesOnWhenEveryoneAgreed() {
            countersign(new Countersign(Countersign.Policy.UNANIMOUS, null, null)).given(created(), inReview(),
                            vote("lena", APPROVE, List.of("sam", "dina"), List.of("lena")),
                            vote("sam", APPROVE, List.of("dina"), List.of("lena", "sam")))
                    .when(handle("dina", "approve"))
                    .expectEvents(approved("dina"));
        }

        @Test
        void unanimousRejectsAlongTheEarlierRejectionWhenTheLastOneAgrees() {
            countersign(new Countersign(Countersign.Policy.UNANIMOUS, null, null)).given(created(), inReview(),
                            vote("lena", REJECT, List.of("sam", "dina"), List.of("lena")),
                            vote("sam", APPROVE, List.of("dina"), List.of("lena", "sam")))
                    .when(handle("dina", "approve"))
                    .expectEvents(vote("dina", APPROVE, List.of(), List.of("lena", "sam", "dina")),
                            rejected("dina"));
        }

        @Test
        void quorumMovesOnAsSoonAsEnoughAgree() {
            countersign(Countersign.quorum(2)).given(created(), inReview(),
                            vote("lena", APPROVE, List.of("sam", "dina"), List.of("lena")))
                    .when(handle("sam", "approve"))
                    .expectEvents(approved("sam"));
        }

        @Test
        void quorumWaitsWhileItCanStillBeReached() {
            countersign(Countersign.quorum(2)).given(created(), inReview())
                    .when(handle("lena", "reject"))
                    .expectEvents(vote("lena", REJECT, List.of("sam", "dina"), List.of("lena")));
        }

        @Test
        void quorumRejectsAsSoonAsItCanNoLongerBeReached() {
            countersign(Countersign.quorum(2)).given(created(), inReview(),
                            vote("lena", REJECT, List.of("sam", "dina"), List.of("lena")))
                    .when(handle("sam", "reject"))
                    .expectEvents(rejected("sam"));
        }

        @Test
        void quorumPercentRoundsUpToWholeParticipants() {
            // 50 % of three is two
            countersign(Countersign.quorumPercent(50)).given(created(), inReview(),
                            vote("lena", APPROVE, List.of("sam", "dina"), List.of("lena")),
                            vote("sam", REJECT, List.of("dina"), List.of("lena", "sam")))
                    .when(handle("dina", "approve"))
                    .expectEvents(approved("dina"));
        }

        @Test
        void lastDecidesWaitsPastAnEarlierRejection() {
            countersign(new Countersign(Countersign.Policy.LAST_DECIDES, null, null)).given(created(), inReview())
                    .when(handle("lena", "reject"))
                    .expectEvents(vote("lena", REJECT, List.of("sam", "dina"), List.of("lena")));
        }

        @Test
        void lastDecidesTakesTheLastVoteWhateverCameBefore() {
            countersign(new Countersign(Countersign.Policy.LAST_DECIDES, null, null)).given(created(), inReview(),
                            vote("lena", APPROVE, List.of("sam", "dina"), List.of("lena")),
                            vote("sam", APPROVE, List.of("dina"), List.of("lena", "sam")))
                    .when(handle("dina", "reject"))
                    .expectEvents(rejected("dina"));
        }

        @Test
        void refusesASecondVoteOfTheSameParticipant() {
            countersign(new Countersign(Countersign.Policy.UNANIMOUS, null, null)).given(created(), inReview(),
                            vote("lena", REJECT, List.of("sam", "dina"), List.of("lena")))
                    .when(handle("lena", "approve"))
                    .expectNoEvents()
                    .expectException(refused(ErrorCode.NOT_A_PARTICIPANT));
        }
    }
}
