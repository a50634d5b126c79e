package dev.baton.command.ticket;

import dev.baton.api.error.ErrorCode;
import dev.baton.api.ticket.Assignment;
import dev.baton.api.ticket.StateRef;
import dev.baton.api.ticket.TicketStatus;
import dev.baton.api.ticket.TransitionRef;
import dev.baton.api.ticket.command.AcceptTicket;
import dev.baton.api.ticket.command.AddSign;
import dev.baton.api.ticket.command.CloseTicket;
import dev.baton.api.ticket.command.CommentOnTicket;
import dev.baton.api.ticket.command.FinishSign;
import dev.baton.api.ticket.command.HandleTicket;
import dev.baton.api.ticket.command.TransferTicket;
import dev.baton.api.ticket.command.CcTicket;
import dev.baton.api.ticket.command.DeleteTicket;
import dev.baton.api.ticket.command.JumpTicket;
import dev.baton.api.ticket.command.MigrateTicket;
import dev.baton.api.ticket.command.PatchFields;
import dev.baton.api.ticket.command.ReassignTicket;
import dev.baton.api.ticket.command.ReleaseTicket;
import dev.baton.api.ticket.command.RemindTicket;
import dev.baton.api.ticket.command.RetryHook;
import dev.baton.api.ticket.command.SendBackTicket;
import dev.baton.api.ticket.command.WithdrawTicket;
import dev.baton.api.ticket.event.CountersignRecorded;
import dev.baton.api.ticket.event.TicketAccepted;
import dev.baton.api.ticket.event.TicketCreated;
import dev.baton.api.ticket.event.TicketHandled;
import dev.baton.api.workflow.Distribution;
import dev.baton.api.workflow.StateType;
import dev.baton.api.workflow.TransitionKind;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
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
import static dev.baton.command.ticket.TicketFixtures.SERIAL;
import static dev.baton.command.ticket.TicketFixtures.created;
import static dev.baton.command.ticket.TicketFixtures.fixture;
import static dev.baton.command.ticket.TicketFixtures.handle;
import static dev.baton.command.ticket.TicketFixtures.leaderApproved;
import static dev.baton.command.ticket.TicketFixtures.newFixture;
import static dev.baton.command.ticket.TicketFixtures.refused;
import static dev.baton.command.ticket.TicketFixtures.submitted;
import static dev.baton.command.ticket.TicketFixtures.t;

/** The Ticket aggregate's rules, one rule per test: given earlier events, when a command, expect events or a refusal. */
class TicketTest {
    FixtureConfiguration<Ticket> fixture;

    @BeforeEach
    void setUp() {
        fixture = newFixture();
    }

    @Nested
    class Handle {
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

    @Nested
    class Isolation {
        /** Every command a caller sends about one ticket, each naming a version the ticket is not at. */
        final List<Object> fromCrm = List.of(
                new HandleTicket(ID, "lena", "crm", "leader_approve", Map.of(), null, 7L),
                new AcceptTicket(ID, "ops1", "crm", 7L),
                new ReleaseTicket(ID, "lena", "crm", null, 7L),
                new WithdrawTicket(ID, "alice", "crm", null, 7L),
                new SendBackTicket(ID, "lena", "crm", "draft", null, false, 7L),
                new ReassignTicket(ID, "admin", "crm", List.of("sam"), null, 7L),
                new JumpTicket(ID, "admin", "crm", "done", null, 7L),
                new PatchFields(ID, "lena", "crm", Map.of("days", 3), null, 7L),
                new CcTicket(ID, "alice", "crm", List.of("sue"), null, 7L),
                new RemindTicket(ID, "alice", "crm", null, 7L),
                new DeleteTicket(ID, "admin", "crm", null, 7L),
                new MigrateTicket(ID, "admin", "crm", 2, Map.of(), null, 7L),
                new TransferTicket(ID, "lena", "crm", "sam", null, 7L),
                new AddSign(ID, "lena", "crm", "sam", null, 7L),
                new FinishSign(ID, "sam", "crm", true, null, 7L),
                new RetryHook(ID, "alice", "crm", null, 7L),
                new CloseTicket(ID, "alice", "crm", null, 7L),
                new CommentOnTicket(ID, "alice", "crm", "hi", 7L));

        @Test
        void aCallerNotGrantedTheWorkflowIsAnsweredAsForATicketThatDoesNotExist() {
            for (Object command : fromCrm) {
                newFixture().given(created(Map.of("days", 2L)), submitted(Map.of()))
                        .when(command)
                        .expectNoEvents()
                        .expectExceptionMessage("No ticket '" + ID + "'")
                        .expectException(refused(ErrorCode.TICKET_NOT_FOUND));
            }
        }

        @Test
        void theSameCommandsOfAGrantedCallerAreDecidedByTheRules() {
            newFixture().given(created(Map.of("days", 2L)), submitted(Map.of()))
                    .when(new HandleTicket(ID, "lena", APP, "leader_approve", Map.of(), null, 7L))
                    .expectException(refused(ErrorCode.CONCURRENT_MODIFICATION));
            newFixture().given(created(Map.of("days", 2L)), submitted(Map.of()))
                    .when(new CommentOnTicket(ID, "alice", APP, "hi", null))
                    .expectSuccessfulHandlerExecution();
        }
    }

    @Nested
    class Countersign {
        final TicketCreated draft = new TicketCreated(ID, SERIAL, "countersign", 1, "Countersign", "Deal", "alice",
                APP, NOW, Map.of(), new StateRef("draft", "Draft", StateType.START),
                Assignment.of(Distribution.ANY_ONE, List.of("alice")), TicketStatus.DRAFT);
        final StateRef review = new StateRef("review", "Review", StateType.NORMAL);
        final TicketHandled inReview = new TicketHandled(ID, "alice", NOW, new TransitionRef("submit", "Submit",
                TransitionKind.AGREE), draft.state(), review, Map.of(), null,
                Assignment.of(Distribution.ALL, List.of("lena", "sam")), TicketStatus.IN_PROGRESS);
        final TransitionRef approve = new TransitionRef("approve", "Approve", TransitionKind.AGREE);
        final CountersignRecorded lenaApproved = new CountersignRecorded(ID, "lena", NOW, approve, review, Map.of(),
                null, new Assignment(Distribution.ALL, List.of("sam"), false, List.of("lena"), null));

        @Test
        void waitsUntilEveryParticipantHasActed() {
            fixture.given(draft, inReview)
                    .when(handle("lena", "approve", Map.of()))
                    .expectEvents(lenaApproved);
        }

        @Test
        void advancesWhenTheLastParticipantActs() {
            fixture.given(draft, inReview, lenaApproved)
                    .when(handle("sam", "approve", Map.of()))
                    .expectEvents(new TicketHandled(ID, "sam", NOW, approve, review,
                            new StateRef("done", "Done", StateType.END), Map.of(), null, Assignment.nobody(),
                            TicketStatus.FINISHED));
        }

        @Test
        void oneRejectionRejectsAtOnce() {
            fixture.given(draft, inReview, lenaApproved)
                    .when(handle("sam", "reject", Map.of()))
                    .expectEvents(new TicketHandled(ID, "sam", NOW, new TransitionRef("reject", "Reject",
                            TransitionKind.REJECT), review, draft.state(), Map.of(), null,
                            Assignment.of(Distribution.ANY_ONE, List.of("alice")), TicketStatus.REJECTED));
        }

        @Test
        void refusesASecondVoteByTheSameParticipant() {
            fixture.given(draft, inReview, lenaApproved)
                    .when(handle("lena", "approve", Map.of()))
                    .expectException(refused(ErrorCode.NOT_A_PARTICIPANT));
        }
    }
}
