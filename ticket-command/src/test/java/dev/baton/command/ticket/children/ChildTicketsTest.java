package dev.baton.command.ticket.children;

import dev.baton.api.error.ErrorCode;
import dev.baton.api.ticket.Assignment;
import dev.baton.api.ticket.ChildOutcome;
import dev.baton.api.ticket.ParentRef;
import dev.baton.api.ticket.StateRef;
import dev.baton.api.ticket.TicketStatus;
import dev.baton.api.ticket.TransitionRef;
import dev.baton.api.ticket.command.CreateTicket;
import dev.baton.api.ticket.command.HandleTicket;
import dev.baton.api.ticket.command.RecordChildOutcome;
import dev.baton.api.ticket.event.ChildEnded;
import dev.baton.api.ticket.event.ChildrenRequested;
import dev.baton.api.ticket.event.TicketCreated;
import dev.baton.api.ticket.event.TicketHandled;
import dev.baton.api.workflow.ChildTickets;
import dev.baton.api.workflow.Distribution;
import dev.baton.api.workflow.FieldAccess;
import dev.baton.api.workflow.FieldDef;
import dev.baton.api.workflow.FieldType;
import dev.baton.api.workflow.ParticipantKind;
import dev.baton.api.workflow.ParticipantRule;
import dev.baton.api.workflow.PublishedWorkflow;
import dev.baton.api.workflow.StateDef;
import dev.baton.api.workflow.StateType;
import dev.baton.api.workflow.TransitionDef;
import dev.baton.api.workflow.TransitionKind;
import dev.baton.api.workflow.WorkflowDefinition;
import dev.baton.command.ticket.Ticket;
import dev.baton.command.ticket.TicketFixtures;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.baton.command.ticket.TicketFixtures.APP;
import static dev.baton.command.ticket.TicketFixtures.NOW;
import static dev.baton.command.ticket.TicketFixtures.refused;

/**
 * Parent and child tickets. An onboarding ticket (for employee alice, at office "berlin") arrives at {@code setup},
 * which starts a laptop ticket and a badge ticket and waits: nobody acts on it. Each child's outcome is recorded; the
 * parent moves on when all have ended, or as soon as its condition over their outcomes holds. A laptop ticket, as a
 * child, goes to the leader of the parent's {@code employee}. Given earlier events, when a command, expect events.
 */
class ChildTicketsTest {
    static final String PARENT = "p-1";
    static final String LAPTOP = PARENT + "-c1";
    static final String BADGE = PARENT + "-c2";
    static final StateRef DRAFT = new StateRef("draft", "Draft", StateType.START);
    static final StateRef SETUP = new StateRef("setup", "Set-up", StateType.NORMAL);
    static final StateRef DONE = new StateRef("done", "Done", StateType.END);
    static final StateRef CANCELLED = new StateRef("cancelled", "Cancelled", StateType.END);
    static final Map<String, Object> FIELDS = Map.of("employee", "alice", "office", "berlin");

    /** draft → setup (laptop and badge children) → done, or → cancelled ({@code give_up}, a rejection). */
    static WorkflowDefinition onboarding(String condition) {
        ChildTickets children = new ChildTickets(List.of(
                new ChildTickets.Child("laptop", null, Map.of("user", "employee"), "submit"),
                new ChildTickets.Child("badge", "Badge for the new hire", Map.of("site", "office"), "submit")),
                condition, condition == null ? "ready" : "give_up", condition == null ? null : "ready");
        return new WorkflowDefinition("onboarding", "Onboarding", null, false, List.of("admin"), List.of(
                new FieldDef("employee", "Employee", FieldType.USER, List.of()),
                new FieldDef("office", "Office", FieldType.TEXT, List.of())), List.of(
                new StateDef("draft", "Draft", StateType.START, 1, false,
                        Map.of("employee", FieldAccess.OPTIONAL, "office", FieldAccess.OPTIONAL),
                        ParticipantRule.of(ParticipantKind.CREATOR), null),
                new StateDef("setup", "Set-up", StateType.NORMAL, 2, false, Map.of(), null, null, null, false, null,
                        children),
                new StateDef("done", "Done", StateType.END, 3, false, Map.of(), null, null),
                new StateDef("cancelled", "Cancelled", StateType.END, 4, false, Map.of(), null, null)),
                List.of(new TransitionDef("submit", "Submit", "draft", "setup", TransitionKind.AGREE, true, List.of()),
                        new TransitionDef("ready", "Ready", "setup", "done", TransitionKind.AGREE, false, List.of()),
                        new TransitionDef("give_up", "Give up", "setup", "cancelled", TransitionKind.REJECT, false,
                                List.of())));
    }

    /** draft → prepare (the leader of the parent's employee) → done. */
    static WorkflowDefinition laptop() {
        return new WorkflowDefinition("laptop", "Laptop", null, false, List.of(), List.of(
                new FieldDef("user", "User", FieldType.USER, List.of())), List.of(
                new StateDef("draft", "Draft", StateType.START, 1, false, Map.of("user", FieldAccess.OPTIONAL),
                        ParticipantRule.of(ParticipantKind.CREATOR), null),
                new StateDef("prepare", "Prepare", StateType.NORMAL, 2, false, Map.of(),
                        ParticipantRule.relative(ParticipantKind.LEADER, "parent-field:employee", null),
                        Distribution.ANY_ONE),
                new StateDef("done", "Done", StateType.END, 3, false, Map.of(), null, null)),
                List.of(new TransitionDef("submit", "Submit", "draft", "prepare", TransitionKind.AGREE, true,
                                List.of()),
                        new TransitionDef("ship", "Ship", "prepare", "done", TransitionKind.AGREE, true, List.of())));
    }

    static FixtureConfiguration<Ticket> fixture(String condition) {
        // the caller application is granted onboarding only: children are started by ticket-command itself
        return TicketFixtures.fixture(List.of(new PublishedWorkflow("onboarding", 1, NOW, "admin", onboarding(condition)),
                        new PublishedWorkflow("laptop", 1, NOW, "admin", laptop())),
                TicketFixtures.oa("onboarding"),
                (distribution, workflow, state, candidates) -> candidates.get(0),
                (workflow, creator, ticket, limit, now) -> { });
    }

    static TicketCreated parentCreated() {
        return new TicketCreated(PARENT, TicketFixtures.SERIAL, "onboarding", 1, "Onboarding", "Welcome alice", "sue", APP, NOW,
                FIELDS, DRAFT, Assignment.of(Distribution.ANY_ONE, List.of("sue")), TicketStatus.DRAFT);
    }

    static TicketHandled parentSubmitted() {
        return new TicketHandled(PARENT, "sue", NOW, new TransitionRef("submit", "Submit", TransitionKind.AGREE),
                DRAFT, SETUP, Map.of(), null, Assignment.nobody(), TicketStatus.IN_PROGRESS);
    }

    static ChildrenRequested childrenRequested() {
        return new ChildrenRequested(PARENT, "sue", NOW, SETUP, List.of(
                new ChildrenRequested.Child(LAPTOP, "laptop", "Welcome alice", Map.of("user", "alice"), "submit"),
                new ChildrenRequested.Child(BADGE, "badge", "Badge for the new hire", Map.of("site", "berlin"),
                        "submit")), "sue", APP, TicketFixtures.SERIAL, FIELDS);
    }

    static ChildEnded ended(String child, ChildOutcome outcome) {
        return new ChildEnded(PARENT, Ticket.SYSTEM, NOW, child, outcome, null);
    }

    static RecordChildOutcome outcome(String child, ChildOutcome outcome) {
        return new RecordChildOutcome(PARENT, child, outcome, null);
    }

    @Test
    void arrivingAtTheStateStartsTheChildrenWithMappedFieldsAndNobodyActsOnTheParent() {
        fixture(null).givenNoPriorActivity()
                .when(new CreateTicket(PARENT, "onboarding", "Welcome alice", "sue", APP, FIELDS, "submit",
                        null))
                .expectEvents(parentCreated(), parentSubmitted(), childrenRequested());
    }

    @Test
    void nobodyHandlesTheParentWhileItWaits() {
        fixture(null).given(parentCreated(), parentSubmitted(), childrenRequested())
                .when(new HandleTicket(PARENT, "sue", APP, "ready", Map.of(), null, null))
                .expectException(refused(ErrorCode.NOT_A_PARTICIPANT));
    }

    @Test
    void oneChildEndingOfTwoIsOnlyRecorded() {
        fixture(null).given(parentCreated(), parentSubmitted(), childrenRequested())
                .when(outcome(LAPTOP, ChildOutcome.FINISHED))
                .expectEvents(ended(LAPTOP, ChildOutcome.FINISHED));
    }

    @Test
    void theParentMovesOnWhenTheLastChildEnds() {
        fixture(null).given(parentCreated(), parentSubmitted(), childrenRequested(),
                        ended(LAPTOP, ChildOutcome.FINISHED))
                .when(outcome(BADGE, ChildOutcome.CLOSED))
                .expectEvents(ended(BADGE, ChildOutcome.CLOSED), new TicketHandled(PARENT, Ticket.SYSTEM, NOW,
                        new TransitionRef("ready", "Ready", TransitionKind.AGREE), SETUP, DONE, Map.of(),
                        "children: {total=2, ended=2, open=0, finished=1, rejected=0, closed=1, deleted=0, failed=0}",
                        Assignment.nobody(), TicketStatus.FINISHED));
    }

    @Test
    void anOutcomeCountedAlreadyOrOfAnUnknownChildChangesNothing() {
        fixture(null).given(parentCreated(), parentSubmitted(), childrenRequested(),
                        ended(LAPTOP, ChildOutcome.FINISHED))
                .when(outcome(LAPTOP, ChildOutcome.FINISHED))
                .expectNoEvents();
        fixture(null).given(parentCreated(), parentSubmitted(), childrenRequested())
                .when(outcome("p-1-c9", ChildOutcome.FINISHED))
                .expectNoEvents();
    }

    @Test
    void aConditionOverTheOutcomesMovesTheParentAsSoonAsItHolds() {
        fixture("rejected > 0 or failed > 0").given(parentCreated(), parentSubmitted(), childrenRequested())
                .when(outcome(BADGE, ChildOutcome.FAILED))
                .expectEvents(ended(BADGE, ChildOutcome.FAILED), new TicketHandled(PARENT, Ticket.SYSTEM, NOW,
                        new TransitionRef("give_up", "Give up", TransitionKind.REJECT), SETUP, CANCELLED, Map.of(),
                        "children: {total=2, ended=1, open=1, finished=0, rejected=0, closed=0, deleted=0, failed=1}",
                        Assignment.nobody(), TicketStatus.REJECTED));
    }

    @Test
    void aConditionThatNeverHeldTakesTheOtherwiseTransitionOnceAllHaveEnded() {
        fixture("rejected > 0 or failed > 0").given(parentCreated(), parentSubmitted(), childrenRequested(),
                        ended(LAPTOP, ChildOutcome.FINISHED))
                .when(outcome(BADGE, ChildOutcome.FINISHED))
                .expectEvents(ended(BADGE, ChildOutcome.FINISHED), new TicketHandled(PARENT, Ticket.SYSTEM, NOW,
                        new TransitionRef("ready", "Ready", TransitionKind.AGREE), SETUP, DONE, Map.of(),
                        "children: {total=2, ended=2, open=0, finished=2, rejected=0, closed=0, deleted=0, failed=0}",
                        Assignment.nobody(), TicketStatus.FINISHED));
    }

    @Test
    void aChildIsStartedWithoutTheCallersGrantAndGoesToTheLeaderOfTheParentsEmployee() {
        ParentRef parent = new ParentRef(PARENT, TicketFixtures.SERIAL, "setup");
        fixture(null).givenNoPriorActivity()
                .when(new CreateTicket(LAPTOP, "laptop", "Welcome alice", "sue", APP, Map.of("user", "alice"),
                        "submit", null, parent, FIELDS))
                .expectEvents(new TicketCreated(LAPTOP, TicketFixtures.SERIAL, "laptop", 1, "Laptop", "Welcome alice", "sue", APP,
                                NOW, Map.of("user", "alice"), DRAFT, Assignment.of(Distribution.ANY_ONE,
                                List.of("sue")), TicketStatus.DRAFT, parent, FIELDS),
                        new TicketHandled(LAPTOP, "sue", NOW, new TransitionRef("submit", "Submit",
                                TransitionKind.AGREE), DRAFT, new StateRef("prepare", "Prepare", StateType.NORMAL),
                                Map.of(), null, Assignment.of(Distribution.ANY_ONE, List.of("lena")),
                                TicketStatus.IN_PROGRESS));
    }

    @Test
    void aCallerCannotStartAWorkflowItIsNotGrantedWithoutAParent() {
        fixture(null).givenNoPriorActivity()
                .when(new CreateTicket(LAPTOP, "laptop", "Mine", "sue", APP, Map.of(), "submit", null))
                .expectException(refused(ErrorCode.WORKFLOW_NOT_GRANTED));
    }
}
