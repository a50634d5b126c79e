package dev.baton.command.ticket.routing;

import dev.baton.api.error.ErrorCode;
import dev.baton.api.ticket.Assignment;
import dev.baton.api.ticket.StateRef;
import dev.baton.api.ticket.TicketStatus;
import dev.baton.api.ticket.TransitionRef;
import dev.baton.api.ticket.command.CreateTicket;
import dev.baton.api.ticket.command.HandleTicket;
import dev.baton.api.ticket.event.TicketCreated;
import dev.baton.api.ticket.event.TicketHandled;
import dev.baton.api.workflow.Distribution;
import dev.baton.api.workflow.Fallback;
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
import static dev.baton.command.ticket.TicketFixtures.ID;
import static dev.baton.command.ticket.TicketFixtures.NOW;
import static dev.baton.command.ticket.TicketFixtures.SERIAL;
import static dev.baton.command.ticket.TicketFixtures.refused;

/**
 * Participants resolved for this ticket: from a field the creator filled in, from who handled an earlier state, and a
 * state's fallback when its rule finds nobody (the demo's ceo has no leader above).
 */
class ParticipantRulesTest {
    static final StateRef DRAFT = new StateRef("draft", "Draft", StateType.START);
    static final StateRef APPROVAL = new StateRef("approval", "Approval", StateType.NORMAL);
    static final StateRef CONFIRM = new StateRef("confirm", "Confirm", StateType.NORMAL);
    static final TransitionRef SUBMIT = new TransitionRef("submit", "Submit", TransitionKind.AGREE);
    static final TransitionRef APPROVE = new TransitionRef("approve", "Approve", TransitionKind.AGREE);

    /** draft (reviewer field) → approval (by {@code rule}, with {@code fallback}) → confirm (same handler) → done. */
    static WorkflowDefinition desk(ParticipantRule rule, Fallback fallback) {
        return new WorkflowDefinition("desk", "Desk", null, false, List.of("admin", "dina"),
                List.of(new FieldDef("reviewer", "Reviewer", FieldType.USER, null)), List.of(
                new StateDef("draft", "Draft", StateType.START, 1, false, Map.of("reviewer", FieldAccess.OPTIONAL),
                        ParticipantRule.of(ParticipantKind.CREATOR), null),
                new StateDef("approval", "Approval", StateType.NORMAL, 2, false, Map.of(), rule,
                        Distribution.ANY_ONE, null, false, fallback),
                new StateDef("confirm", "Confirm", StateType.NORMAL, 3, false, Map.of(),
                        ParticipantRule.of(ParticipantKind.HANDLER_OF, "approval"), Distribution.ANY_ONE),
                new StateDef("done", "Done", StateType.END, 4, false, Map.of(), null, null)),
                List.of(new TransitionDef("submit", "Submit", "draft", "approval", TransitionKind.AGREE, true, List.of()),
                        new TransitionDef("approve", "Approve", "approval", "confirm", TransitionKind.AGREE, true,
                                List.of()),
                        new TransitionDef("confirm", "Confirm", "confirm", "done", TransitionKind.AGREE, true,
                                List.of())));
    }

    static FixtureConfiguration<Ticket> fixture(WorkflowDefinition desk) {
        return TicketFixtures.fixture(List.of(new PublishedWorkflow("desk", 1, NOW, "admin", desk)), TicketFixtures.oa("desk"),
                (d, w, s, candidates) -> candidates.get(0), (workflow, creator, ticket, limit, now) -> { });
    }

    static CreateTicket submit(String creator, Map<String, Object> fields) {
        return new CreateTicket(ID, "desk", "Request", creator, APP, fields, "submit", null);
    }

    static TicketCreated created(String creator, Map<String, Object> fields) {
        return new TicketCreated(ID, SERIAL, "desk", 1, "Desk", "Request", creator, APP, NOW, fields, DRAFT,
                Assignment.of(Distribution.ANY_ONE, List.of(creator)), TicketStatus.DRAFT);
    }

    static TicketHandled submitted(String creator, List<String> approvers) {
        return new TicketHandled(ID, creator, NOW, SUBMIT, DRAFT, APPROVAL, Map.of(), null,
                Assignment.of(Distribution.ANY_ONE, approvers), TicketStatus.IN_PROGRESS);
    }

    @Test
    void aFieldRuleGivesTheTicketToTheUserTheCreatorNamed() {
        fixture(desk(ParticipantRule.of(ParticipantKind.FIELD, "reviewer"), null))
                .givenNoPriorActivity()
                .when(submit("alice", Map.of("reviewer", "sue")))
                .expectEvents(created("alice", Map.of("reviewer", "sue")), submitted("alice", List.of("sue")));
    }

    @Test
    void aLeaderRuleGivesTheTicketToTheCreatorsLeader() {
        fixture(desk(ParticipantRule.relative(ParticipantKind.LEADER, null, null), null))
                .givenNoPriorActivity()
                .when(submit("alice", Map.of()))
                .expectEvents(created("alice", Map.of()), submitted("alice", List.of("lena")));
    }

    @Test
    void theSameHandlerRuleGivesALaterStateToWhoeverHandledTheEarlierOne() {
        fixture(desk(ParticipantRule.of(ParticipantKind.USERS, "lena", "sam"), null))
                .given(created("alice", Map.of()), submitted("alice", List.of("lena", "sam")))
                .when(new HandleTicket(ID, "sam", APP, "approve", Map.of(), null, null))
                .expectEvents(new TicketHandled(ID, "sam", NOW, APPROVE, APPROVAL, CONFIRM, Map.of(), null,
                        Assignment.of(Distribution.ANY_ONE, List.of("sam")), TicketStatus.IN_PROGRESS));
    }

    @Test
    void aNamedFallbackTakesTheTicketWhenTheRuleFindsNobody() {
        fixture(desk(ParticipantRule.relative(ParticipantKind.LEADER, null, null),
                new Fallback(Fallback.Kind.USER, "dora")))
                .givenNoPriorActivity()
                .when(submit("ceo", Map.of()))
                .expectEvents(created("ceo", Map.of()), submitted("ceo", List.of("dora")));
    }

    @Test
    void theAdminsFallbackGivesTheTicketToTheWorkflowsAdmins() {
        fixture(desk(ParticipantRule.relative(ParticipantKind.LEADER, null, null),
                new Fallback(Fallback.Kind.ADMINS, null)))
                .givenNoPriorActivity()
                .when(submit("ceo", Map.of()))
                .expectEvents(created("ceo", Map.of()), submitted("ceo", List.of("admin", "dina")));
    }

    @Test
    void withoutAFallbackTheTransitionIsRefusedWithTheReason() {
        fixture(desk(ParticipantRule.relative(ParticipantKind.LEADER, null, null), null))
                .givenNoPriorActivity()
                .when(submit("ceo", Map.of()))
                .expectNoEvents()
                .expectException(refused(ErrorCode.NO_PARTICIPANTS));
    }

    @Test
    void aFallbackToSomeoneInactiveIsRefusedToo() {
        fixture(desk(ParticipantRule.relative(ParticipantKind.LEADER, null, null),
                new Fallback(Fallback.Kind.USER, "ghost")))
                .givenNoPriorActivity()
                .when(submit("ceo", Map.of()))
                .expectNoEvents()
                .expectException(refused(ErrorCode.NO_PARTICIPANTS));
    }
}
