package dev.baton.command.ticket;

import dev.baton.api.error.ErrorCode;
import dev.baton.api.ticket.Assignment;
import dev.baton.api.ticket.StateRef;
import dev.baton.api.ticket.TicketStatus;
import dev.baton.api.ticket.TransitionRef;
import dev.baton.api.ticket.command.HandleTicket;
import dev.baton.api.ticket.command.TransferTicket;
import dev.baton.api.ticket.event.CountersignRecorded;
import dev.baton.api.ticket.event.TicketCreated;
import dev.baton.api.ticket.event.TicketHandled;
import dev.baton.api.ticket.event.TicketTransferred;
import dev.baton.api.workflow.Countersign;
import dev.baton.api.workflow.Distribution;
import dev.baton.api.workflow.Fallback;
import dev.baton.api.workflow.ParticipantKind;
import dev.baton.api.workflow.ParticipantRule;
import dev.baton.api.workflow.PublishedWorkflow;
import dev.baton.api.workflow.StateDef;
import dev.baton.api.workflow.StateType;
import dev.baton.api.workflow.TransitionDef;
import dev.baton.api.workflow.TransitionKind;
import dev.baton.api.workflow.WorkflowDefinition;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.baton.command.ticket.TicketFixtures.APP;
import static dev.baton.command.ticket.TicketFixtures.ID;
import static dev.baton.command.ticket.TicketFixtures.NOW;
import static dev.baton.command.ticket.TicketFixtures.SERIAL;
import static dev.baton.command.ticket.TicketFixtures.refused;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the participants of a state share the work: one after another, one chosen among them, a countersign decided
 * by its policy, and an accepted ticket released back to the pool. Given earlier events, when a command, expect
 * events or a refusal.
 */
class WorkSharingTest {
    static final List<String> PANEL = List.of("lena", "sam", "dina");
    static final StateRef DRAFT = new StateRef("draft", "Draft", StateType.START);
    static final StateRef REVIEW = new StateRef("review", "Review", StateType.NORMAL);
    static final StateRef DONE = new StateRef("done", "Done", StateType.END);
    static final TransitionRef SUBMIT = new TransitionRef("submit", "Submit", TransitionKind.AGREE);
    static final TransitionRef APPROVE = new TransitionRef("approve", "Approve", TransitionKind.AGREE);
    static final TransitionRef REJECT = new TransitionRef("reject", "Reject", TransitionKind.REJECT);
    static final Assignment BACK_TO_ALICE = Assignment.of(Distribution.ANY_ONE, List.of("alice"));

    /** draft → review (lena, sam, dina, shared as given) → done; reject goes back to draft. */
    static WorkflowDefinition panel(Distribution distribution, Countersign countersign) {
        return panel(distribution, countersign, null);
    }

    /** As above, with the review's {@code fallback} when its rule finds nobody active. */
    static WorkflowDefinition panel(Distribution distribution, Countersign countersign, Fallback fallback) {
        return new WorkflowDefinition("panel", "Panel", null, false, List.of(), List.of(), List.of(
                new StateDef("draft", "Draft", StateType.START, 1, false, Map.of(),
                        ParticipantRule.of(ParticipantKind.CREATOR), null),
                new StateDef("review", "Review", StateType.NORMAL, 2, false, Map.of(),
                        new ParticipantRule(ParticipantKind.USERS, PANEL), distribution, countersign, false,
                        fallback),
                new StateDef("done", "Done", StateType.END, 3, false, Map.of(), null, null)),
                List.of(new TransitionDef("submit", "Submit", "draft", "review", TransitionKind.AGREE, true, List.of()),
                        new TransitionDef("approve", "Approve", "review", "done", TransitionKind.AGREE, true, List.of()),
                        new TransitionDef("reject", "Reject", "review", "draft", TransitionKind.REJECT, false,
                                List.of())));
    }

    /** What the chooser was asked, and what it answers (in turn). */
    final List<String> asked = new ArrayList<>();
    final List<String> answers = new ArrayList<>();

    FixtureConfiguration<Ticket> fixture(WorkflowDefinition panel) {
        return TicketFixtures.fixture(List.of(new PublishedWorkflow("panel", 1, NOW, "admin", panel),
                        new PublishedWorkflow("leave-request", 1, NOW, "admin", TicketFixtures.LEAVE)),
                TicketFixtures.oa("panel", "leave-request"),
                (distribution, workflow, state, candidates) -> {
                    asked.add(distribution + " " + workflow + "/" + state + " " + candidates);
                    return answers.remove(0);
                },
                (workflow, creator, ticket, limit, now) -> { });
    }

    FixtureConfiguration<Ticket> fixture(Distribution distribution) {
        return fixture(panel(distribution, null));
    }

    FixtureConfiguration<Ticket> countersign(Countersign policy) {
        return fixture(panel(Distribution.ALL, policy));
    }

    static TicketCreated created() {
        return new TicketCreated(ID, SERIAL, "panel", 1, "Panel", "Deal", "alice", APP, NOW, Map.of(), DRAFT,
                BACK_TO_ALICE, TicketStatus.DRAFT);
    }

    static TicketHandled inReview(Assignment assignment) {
        return new TicketHandled(ID, "alice", NOW, SUBMIT, DRAFT, REVIEW, Map.of(), null, assignment,
                TicketStatus.IN_PROGRESS);
    }

    static TicketHandled inReview() {
        return inReview(new Assignment(Distribution.ALL, PANEL, false, List.of(), null));
    }

    /** A countersign vote that leaves {@code pending} to vote, {@code done} having voted. */
    static CountersignRecorded vote(String voter, TransitionRef transition, List<String> pending, List<String> done) {
        return new CountersignRecorded(ID, voter, NOW, transition, REVIEW, Map.of(), null,
                new Assignment(Distribution.ALL, pending, false, done, null));
    }

    static TicketHandled approved(String actor) {
        return new TicketHandled(ID, actor, NOW, APPROVE, REVIEW, DONE, Map.of(), null, Assignment.nobody(),
                TicketStatus.FINISHED);
    }

    static TicketHandled rejected(String actor) {
        return new TicketHandled(ID, actor, NOW, REJECT, REVIEW, DRAFT, Map.of(), null, BACK_TO_ALICE,
                TicketStatus.REJECTED);
    }

    static HandleTicket handle(String actor, String transition) {
        return new HandleTicket(ID, actor, APP, transition, Map.of(), null, null);
    }

    static Assignment sequence(List<String> done, String current, List<String> queue) {
        return new Assignment(Distribution.SEQUENTIAL, List.of(current), false, done, null, queue, List.of());
    }

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
    class OneChosen {
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
