package dev.baton.notification.recipient;

import dev.baton.api.ticket.Assignment;
import dev.baton.api.ticket.StateRef;
import dev.baton.api.ticket.TicketStatus;
import dev.baton.api.ticket.TransitionRef;
import dev.baton.api.ticket.event.CommentAdded;
import dev.baton.api.ticket.event.CountersignRecorded;
import dev.baton.api.ticket.event.SignAdded;
import dev.baton.api.ticket.SignPosition;
import dev.baton.api.ticket.SignMode;
import dev.baton.api.ticket.event.SignFinished;
import dev.baton.api.ticket.event.TicketAccepted;
import dev.baton.api.ticket.event.TicketClosed;
import dev.baton.api.ticket.event.TicketCreated;
import dev.baton.api.ticket.event.TicketEvent;
import dev.baton.api.ticket.event.TicketCopied;
import dev.baton.api.ticket.event.TicketHandled;
import dev.baton.api.ticket.event.TicketReminded;
import dev.baton.api.ticket.event.TicketJumped;
import dev.baton.api.ticket.event.TicketReassigned;
import dev.baton.api.ticket.event.TicketReleased;
import dev.baton.api.ticket.event.TicketSentBack;
import dev.baton.api.ticket.event.TicketWithdrawn;
import dev.baton.api.ticket.event.TicketTransferred;
import dev.baton.api.workflow.Distribution;
import dev.baton.api.workflow.StateType;
import dev.baton.api.workflow.TransitionKind;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class NotificationRulesTest {
    static final Instant AT = Instant.parse("2025-03-01T09:00:00Z");
    static final StateRef START = new StateRef("draft", "Draft", StateType.START);
    static final StateRef REVIEW = new StateRef("review", "Review", StateType.NORMAL);
    static final TransitionRef APPROVE = new TransitionRef("approve", "Approve", TransitionKind.AGREE);

    static Assignment anyOne(String... users) {
        return Assignment.of(Distribution.ANY_ONE, List.of(users));
    }

    static TicketCreated created(String creator, Assignment assignment) {
        return new TicketCreated("t1", "S-1", "wf", 1, "Workflow", "Title", creator, "app", AT, Map.of(), START,
                assignment, TicketStatus.DRAFT);
    }

    static TicketHandled handled(String actor, Assignment assignment) {
        return new TicketHandled("t1", actor, AT, APPROVE, START, REVIEW, Map.of(), "ok", assignment,
                TicketStatus.IN_PROGRESS);
    }

    @Test
    void aDraftCreatedForItsCreatorNotifiesNobody() {
        assertThat(NotificationRules.noticeFor(created("alice", anyOne("alice")))).isEmpty();
    }

    @Test
    void aTicketCreatedForOthersNotifiesThemButNotTheCreator() {
        Notice notice = NotificationRules.noticeFor(created("alice", anyOne("alice", "bob"))).orElseThrow();

        assertThat(notice.usernames()).containsExactly("bob");
        assertThat(notice.reason()).isEqualTo(Reason.ASSIGNED);
        assertThat(notice.action()).isEqualTo(Action.CREATE);
        assertThat(notice.state()).isEqualTo(START);
    }

    @Test
    void aHandledTicketNotifiesTheNewAssignmentWithoutTheActor() {
        Notice notice = NotificationRules.noticeFor(handled("bob",
                new Assignment(Distribution.ALL, List.of("carol", "bob", "dave", "carol"), false, List.of(), null)))
                .orElseThrow();

        assertThat(notice.usernames()).containsExactly("carol", "dave");
        assertThat(notice.reason()).isEqualTo(Reason.ASSIGNED);
        assertThat(notice.action()).isEqualTo(new Action("approve", "Approve"));
        assertThat(notice.state()).isEqualTo(REVIEW);
        assertThat(notice.comment()).isEqualTo("ok");
    }

    @Test
    void anAssignmentAwaitingAnAcceptIsOfferedToEveryCandidate() {
        Notice notice = NotificationRules.noticeFor(handled("alice",
                Assignment.of(Distribution.ACCEPT_FIRST, List.of("carol", "dave")))).orElseThrow();

        assertThat(notice.usernames()).containsExactly("carol", "dave");
        assertThat(notice.reason()).isEqualTo(Reason.OFFERED);
    }

    @Test
    void aTicketHandledIntoAnEndStateNotifiesNobody() {
        assertThat(NotificationRules.noticeFor(handled("alice", Assignment.nobody()))).isEmpty();
    }

    @Test
    void transfersAndSignsNotifyTheirTarget() {
        assertThat(NotificationRules.noticeFor(new TicketTransferred("t1", "bob", AT, "carol", "yours",
                anyOne("carol")))).hasValueSatisfying(n -> {
                    assertThat(n.usernames()).containsExactly("carol");
                    assertThat(n.reason()).isEqualTo(Reason.TRANSFERRED);
                    assertThat(n.comment()).isEqualTo("yours");
                });
        assertThat(NotificationRules.noticeFor(new SignAdded("t1", "bob", AT, "dave", "thoughts?",
                anyOne("dave")))).hasValueSatisfying(n -> {
                    assertThat(n.usernames()).containsExactly("dave");
                    assertThat(n.reason()).isEqualTo(Reason.SIGN_REQUESTED);
                });
        assertThat(NotificationRules.noticeFor(new SignFinished("t1", "dave", AT, "bob", "fine",
                anyOne("bob")))).hasValueSatisfying(n -> {
                    assertThat(n.usernames()).containsExactly("bob");
                    assertThat(n.reason()).isEqualTo(Reason.SIGN_RETURNED);
                });
    }

    @Test
    void severalSignersAreEachAskedAndASequenceAsksTheNextInLine() {
        assertThat(NotificationRules.noticeFor(new SignAdded("t1", "bob", AT, "dave", "thoughts?",
                new Assignment(Distribution.SEQUENTIAL, List.of("dave"), false, List.of(), "bob", List.of("erin"),
                        List.of()), List.of("dave", "erin"), SignPosition.BEFORE, SignMode.SEQUENTIAL, null)))
                .hasValueSatisfying(n -> assertThat(n.usernames()).containsExactly("dave", "erin"));
        assertThat(NotificationRules.noticeFor(new SignFinished("t1", "dave", AT, "bob", "fine",
                new Assignment(Distribution.SEQUENTIAL, List.of("erin"), false, List.of("dave"), "bob"), true, true)))
                .hasValueSatisfying(n -> {
                    assertThat(n.usernames()).containsExactly("erin");
                    assertThat(n.reason()).isEqualTo(Reason.SIGN_REQUESTED);
                });
        assertThat(NotificationRules.noticeFor(new SignFinished("t1", "dave", AT, "bob", "fine",
                new Assignment(Distribution.ALL, List.of("erin"), false, List.of("dave"), "bob"), true, true)))
                .as("all signers were asked at once; the next answer is not news").isEmpty();
    }

    @Test
    void transferringToOneselfNotifiesNobody() {
        assertThat(NotificationRules.noticeFor(new TicketTransferred("t1", "bob", AT, "bob", null,
                anyOne("bob")))).isEmpty();
    }

    @Test
    void acceptsCountersignsClosesAndCommentsNotifyNobodyInThisVersion() {
        Stream<TicketEvent> silent = Stream.of(
                new TicketAccepted("t1", "carol", AT, anyOne("carol")),
                new CountersignRecorded("t1", "carol", AT, APPROVE, REVIEW, Map.of(), null,
                        new Assignment(Distribution.ALL, List.of("dave"), false, List.of("carol"), null)),
                new TicketClosed("t1", "admin", AT, "duplicate", REVIEW),
                new CommentAdded("t1", "carol", AT, "hello"));

        assertThat(silent.map(NotificationRules::noticeFor)).allSatisfy(n -> assertThat(n).isEmpty());
    }

    @Test
    void theNextInASequenceIsToldItIsTheirTurn() {
        Notice notice = NotificationRules.noticeFor(new CountersignRecorded("t1", "carol", AT, APPROVE, REVIEW,
                Map.of(), "fine by me", new Assignment(Distribution.SEQUENTIAL, List.of("dave"), false,
                List.of("carol"), null, List.of("erin"), List.of()))).orElseThrow();

        assertThat(notice.usernames()).containsExactly("dave");
        assertThat(notice.reason()).isEqualTo(Reason.ASSIGNED);
        assertThat(notice.action()).isEqualTo(Action.of(APPROVE));
        assertThat(notice.comment()).isEqualTo("fine by me");
    }

    @Test
    void aReleasedTicketIsOfferedToTheOtherCandidatesAgain() {
        Notice notice = NotificationRules.noticeFor(new TicketReleased("t1", "carol", AT, "no time",
                new Assignment(Distribution.ACCEPT_FIRST, List.of("carol", "dave", "erin"), true, List.of(), null)))
                .orElseThrow();

        assertThat(notice.usernames()).containsExactly("dave", "erin");
        assertThat(notice.reason()).isEqualTo(Reason.OFFERED);
        assertThat(notice.action()).isEqualTo(Action.RELEASE);
    }

    @Test
    void aTicketSentBackTellsWhoeverMustActThereAndAWithdrawalNobody() {
        Notice notice = NotificationRules.noticeFor(new TicketSentBack("t1", "dave", AT, REVIEW, START, "fix it",
                anyOne("alice"), TicketStatus.DRAFT, null)).orElseThrow();

        assertThat(notice.usernames()).containsExactly("alice");
        assertThat(notice.reason()).isEqualTo(Reason.SENT_BACK);
        assertThat(notice.action()).isEqualTo(Action.SEND_BACK);
        assertThat(notice.state()).isEqualTo(START);
        assertThat(NotificationRules.noticeFor(new TicketWithdrawn("t1", "alice", AT, REVIEW, START, null,
                anyOne("alice")))).isEmpty();
    }

    @Test
    void aReassignmentTellsOnlyTheNewUsersAndAJumpWhoeverMustActThere() {
        Notice reassigned = NotificationRules.noticeFor(new TicketReassigned("t1", "admin", AT, List.of("carol"),
                false, "carol is away", anyOne("carol", "dave"))).orElseThrow();
        assertThat(reassigned.usernames()).containsExactly("dave");
        assertThat(reassigned.action()).isEqualTo(Action.REASSIGN);
        assertThat(reassigned.comment()).isEqualTo("carol is away");

        Notice jumped = NotificationRules.noticeFor(new TicketJumped("t1", "admin", AT, START, REVIEW, null,
                anyOne("erin"), TicketStatus.IN_PROGRESS)).orElseThrow();
        assertThat(jumped.usernames()).containsExactly("erin");
        assertThat(jumped.state()).isEqualTo(REVIEW);
        assertThat(jumped.action()).isEqualTo(Action.JUMP);
    }

    @Test
    void copiedUsersAreToldForTheirInformationAndRemindedUsersAreNudged() {
        Notice copied = NotificationRules.noticeFor(new TicketCopied("t1", "alice", AT, List.of("sue", "alice"),
                "fyi")).orElseThrow();
        assertThat(copied.usernames()).containsExactly("sue");
        assertThat(copied.reason()).isEqualTo(Reason.COPIED);

        Notice reminded = NotificationRules.noticeFor(new TicketReminded("t1", "alice", AT, List.of("lena"),
                "any news?")).orElseThrow();
        assertThat(reminded.usernames()).containsExactly("lena");
        assertThat(reminded.reason()).isEqualTo(Reason.REMINDED);
        assertThat(reminded.action()).isEqualTo(Action.REMIND);
    }

    static dev.baton.notification.summary.TicketSummary summary(String creator, String... assignees) {
        return new dev.baton.notification.summary.TicketSummary("t1", "S-1", "Title", "wf", 1, "Workflow", creator,
                "review", "Review", "IN_PROGRESS", Map.of(), List.of(assignees), List.of(), false);
    }

    @Test
    void aRejectionTellsTheCreatorOnceAndTheOthersItNowWaitsFor() {
        TicketHandled rejected = new TicketHandled("t1", "bob", AT,
                new TransitionRef("reject", "Reject", TransitionKind.REJECT), REVIEW, START, Map.of(), "no",
                anyOne("alice", "carol"), TicketStatus.REJECTED);
        List<Notice> notices = NotificationRules.noticesFor(rejected, summary("alice", "bob"), List.of());
        assertThat(notices).extracting(Notice::reason, Notice::usernames).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Reason.ASSIGNED, List.of("carol")),
                org.assertj.core.groups.Tuple.tuple(Reason.REJECTED, List.of("alice")));
    }

    @Test
    void anEndTellsTheCreatorUnlessTheyEndedItThemselves() {
        TicketHandled finished = new TicketHandled("t1", "bob", AT, APPROVE, REVIEW,
                new StateRef("done", "Done", StateType.END), Map.of(), null, Assignment.nobody(), TicketStatus.FINISHED);
        assertThat(NotificationRules.noticesFor(finished, summary("alice", "bob"), List.of()))
                .extracting(Notice::reason, Notice::usernames)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Reason.ENDED, List.of("alice")));
        assertThat(NotificationRules.noticesFor(finished, summary("bob", "bob"), List.of())).isEmpty();
        assertThat(NotificationRules.noticesFor(new TicketClosed("t1", "admin", AT, "dup", REVIEW),
                summary("alice", "bob"), List.of())).extracting(Notice::reason).containsExactly(Reason.CLOSED);
    }

    @Test
    void aWithdrawalTellsThoseWhoHadTheTicket() {
        TicketWithdrawn withdrawn = new TicketWithdrawn("t1", "alice", AT, REVIEW, START, null, anyOne("alice"));
        assertThat(NotificationRules.noticesFor(withdrawn, summary("alice", "bob", "carol"), List.of()))
                .extracting(Notice::reason, Notice::usernames)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Reason.WITHDRAWN, List.of("bob", "carol")));
    }

    @Test
    void anExhaustedHookTellsTheAdminsAndTheCreatorButAFailedAnswerDoesNot() {
        var exhausted = new dev.baton.api.ticket.event.HookAnswered("t1", "baton", AT, "h1", false, true, "HTTP 503",
                Map.of());
        assertThat(NotificationRules.noticesFor(exhausted, summary("alice"), List.of("ops1", "alice")))
                .extracting(Notice::reason, Notice::usernames)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Reason.HOOK_FAILED, List.of("ops1", "alice")));
        var answered = new dev.baton.api.ticket.event.HookAnswered("t1", "baton", AT, "h1", false, false, "no",
                Map.of());
        assertThat(NotificationRules.noticesFor(answered, summary("alice"), List.of("ops1"))).isEmpty();
    }

    @Test
    void everyReasonNamesAKindOfTemplate() {
        assertThat(Stream.of(Reason.values()).map(Reason::kind)).doesNotContainNull();
        assertThat(Reason.REMINDED.kind()).isEqualTo(dev.baton.api.workflow.NoticeKind.REMIND);
        assertThat(Reason.SENT_BACK.kind()).isEqualTo(dev.baton.api.workflow.NoticeKind.NEW_TODO);
    }
}
