package dev.baton.command.ticket.hooks;

import dev.baton.api.error.ErrorCode;
import dev.baton.api.ticket.Assignment;
import dev.baton.api.ticket.StateRef;
import dev.baton.api.ticket.TicketStatus;
import dev.baton.api.ticket.TransitionRef;
import dev.baton.api.ticket.command.AnswerHook;
import dev.baton.api.ticket.command.CreateTicket;
import dev.baton.api.ticket.command.HandleTicket;
import dev.baton.api.ticket.command.RetryHook;
import dev.baton.api.ticket.event.HookAnswered;
import dev.baton.api.ticket.event.HookRequested;
import dev.baton.api.ticket.event.TicketCreated;
import dev.baton.api.ticket.event.TicketHandled;
import dev.baton.api.ticket.event.TicketReassigned;
import dev.baton.api.workflow.Distribution;
import dev.baton.api.workflow.FieldAccess;
import dev.baton.api.workflow.FieldDef;
import dev.baton.api.workflow.FieldType;
import dev.baton.api.workflow.HookDef;
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
import static dev.baton.command.ticket.TicketFixtures.refused;

/**
 * A state an external system handles (lark-ticket's check and execute nodes): arriving asks the hook worker to call
 * it, nobody acts meanwhile; the system's success takes the success transition (with its field updates), its failure
 * the failure transition; when every attempt failed the admins get the ticket and may retry. Given earlier events,
 * when a command, expect events or a refusal.
 */
class HooksTest {
    static final StateRef DRAFT = new StateRef("draft", "Draft", StateType.START);
    static final StateRef CHECK = new StateRef("check", "Check", StateType.NORMAL);
    static final StateRef APPROVAL = new StateRef("approval", "Approval", StateType.NORMAL);
    static final StateRef REFUSED = new StateRef("refused", "Refused", StateType.END);
    static final HookDef HOOK = new HookDef("https://iam.example/check", HookDef.Mode.SYNC, "iam",
            Map.of("system", "app"), 5, 3, "passed", "failed");
    static final String HOOK_ID = ID + "-v2-h1";
    static final String REFUSED_FIELDS = "The hook's field values were refused: Unknown field 'no_such_field': "
            + "workflow 'access' has no such field";
    static final Map<String, Object> PAYLOAD = Map.of("ticketId", ID, "serialNo", TicketFixtures.SERIAL, "title", "Access",
            "workflow", "access", "state", "check", "creator", "alice", "fields", Map.of("app", "billing"));

    static WorkflowDefinition access() {
        return new WorkflowDefinition("access", "Access", null, false, List.of("admin"), List.of(
                new FieldDef("system", "System", FieldType.TEXT, List.of()),
                new FieldDef("account", "Account", FieldType.TEXT, List.of())), List.of(
                new StateDef("draft", "Draft", StateType.START, 1, false,
                        Map.of("system", FieldAccess.REQUIRED), ParticipantRule.of(ParticipantKind.CREATOR), null),
                new StateDef("check", "Check", StateType.NORMAL, 2, false, Map.of(), null, null, null, false, null,
                        null, null, HOOK),
                new StateDef("approval", "Approval", StateType.NORMAL, 3, false, Map.of(),
                        ParticipantRule.of(ParticipantKind.USER, "lena"), Distribution.ANY_ONE),
                new StateDef("refused", "Refused", StateType.END, 4, false, Map.of(), null, null)),
                List.of(new TransitionDef("submit", "Submit", "draft", "check", TransitionKind.AGREE, true, List.of()),
                        new TransitionDef("passed", "Passed", "check", "approval", TransitionKind.AGREE, false,
                                List.of()),
                        new TransitionDef("failed", "Failed", "check", "refused", TransitionKind.REJECT, false,
                                List.of()),
                        new TransitionDef("grant", "Grant", "approval", "refused", TransitionKind.AGREE, false,
                                List.of())));
    }

    static FixtureConfiguration<Ticket> fixture() {
        return TicketFixtures.fixture(List.of(new PublishedWorkflow("access", 1, NOW, "admin", access())),
                TicketFixtures.oa("access"), (distribution, workflow, state, candidates) -> candidates.get(0),
                (workflow, creator, ticket, limit, now) -> { });
    }

    static TicketCreated created() {
        return new TicketCreated(ID, TicketFixtures.SERIAL, "access", 1, "Access", "Access", "alice", APP, NOW,
                Map.of("system", "billing"), DRAFT, Assignment.of(Distribution.ANY_ONE, List.of("alice")),
                TicketStatus.DRAFT);
    }

    static TicketHandled submitted() {
        return new TicketHandled(ID, "alice", NOW, new TransitionRef("submit", "Submit", TransitionKind.AGREE), DRAFT,
                CHECK, Map.of(), null, Assignment.nobody(), TicketStatus.IN_PROGRESS);
    }

    static HookRequested requested(String hookId, String actor) {
        return new HookRequested(ID, actor, NOW, CHECK, hookId, 2, HOOK, PAYLOAD);
    }

    static HookAnswered exhausted() {
        return new HookAnswered(ID, Ticket.SYSTEM, NOW, HOOK_ID, false, true, "HTTP 503", Map.of());
    }

    @Test
    void arrivingAsksTheHookWorkerWithTheMappedFieldsAndNobodyActs() {
        fixture().givenNoPriorActivity()
                .when(new CreateTicket(ID, "access", "Access", "alice", APP, Map.of("system", "billing"),
                        "submit", null))
                .expectEvents(created(), submitted(), requested(HOOK_ID, "alice"));
        fixture().given(created(), submitted(), requested(HOOK_ID, "alice"))
                .when(new HandleTicket(ID, "alice", APP, "passed", Map.of(), null, null))
                .expectException(refused(ErrorCode.NOT_A_PARTICIPANT));
    }

    @Test
    void successTakesTheSuccessTransitionWithTheSystemsFieldUpdates() {
        fixture().given(created(), submitted(), requested(HOOK_ID, "alice"))
                .when(new AnswerHook(ID, HOOK_ID, true, false, "ok", Map.of("account", "acc-42")))
                .expectEvents(new HookAnswered(ID, Ticket.SYSTEM, NOW, HOOK_ID, true, false, "ok",
                                Map.of("account", "acc-42")),
                        new TicketHandled(ID, Ticket.SYSTEM, NOW, new TransitionRef("passed", "Passed",
                                TransitionKind.AGREE), CHECK, APPROVAL, Map.of(), "Hook: ok",
                                Assignment.of(Distribution.ANY_ONE, List.of("lena")), TicketStatus.IN_PROGRESS));
    }

    @Test
    void aFailingCheckRejectsTheRequestBeforeAnyHumanSeesIt() {
        fixture().given(created(), submitted(), requested(HOOK_ID, "alice"))
                .when(new AnswerHook(ID, HOOK_ID, false, false, "no such system", Map.of()))
                .expectEvents(new HookAnswered(ID, Ticket.SYSTEM, NOW, HOOK_ID, false, false, "no such system",
                                Map.of()),
                        new TicketHandled(ID, Ticket.SYSTEM, NOW, new TransitionRef("failed", "Failed",
                                TransitionKind.REJECT), CHECK, REFUSED, Map.of(), "Hook: no such system",
                                Assignment.nobody(), TicketStatus.REJECTED));
    }

    @Test
    void fieldValuesThatDoNotFitTurnASuccessIntoAFailure() {
        fixture().given(created(), submitted(), requested(HOOK_ID, "alice"))
                .when(new AnswerHook(ID, HOOK_ID, true, false, "ok", Map.of("no_such_field", 1)))
                .expectEvents(new HookAnswered(ID, Ticket.SYSTEM, NOW, HOOK_ID, false, false, REFUSED_FIELDS, Map.of()),
                        new TicketHandled(ID, Ticket.SYSTEM, NOW, new TransitionRef("failed", "Failed",
                                TransitionKind.REJECT), CHECK, REFUSED, Map.of(), "Hook: " + REFUSED_FIELDS,
                                Assignment.nobody(), TicketStatus.REJECTED));
    }

    @Test
    void whenEveryAttemptFailedTheAdminsGetTheTicketAndTheCreatorMayRetry() {
        fixture().given(created(), submitted(), requested(HOOK_ID, "alice"))
                .when(new AnswerHook(ID, HOOK_ID, false, true, "HTTP 503", Map.of()))
                .expectEvents(exhausted(), new TicketReassigned(ID, Ticket.SYSTEM, NOW, List.of(), false,
                        "The hook failed after every attempt: HTTP 503; retry it, or move the ticket on",
                        Assignment.of(Distribution.ANY_ONE, List.of("admin"))));
        fixture().given(created(), submitted(), requested(HOOK_ID, "alice"), exhausted())
                .when(new RetryHook(ID, "alice", APP, "try again", null))
                .expectEvents(requested(ID + "-v2-h2", "alice"));
        fixture().given(created(), submitted(), requested(HOOK_ID, "alice"), exhausted())
                .when(new RetryHook(ID, "sam", APP, null, null))
                .expectException(refused(ErrorCode.CREATOR_REQUIRED));
    }

    @Test
    void aRetryIsRefusedWhileTheCallIsStillGoingAndStaleAnswersChangeNothing() {
        fixture().given(created(), submitted(), requested(HOOK_ID, "alice"))
                .when(new RetryHook(ID, "alice", APP, null, null))
                .expectException(refused(ErrorCode.WRONG_STATE));
        fixture().given(created(), submitted(), requested(HOOK_ID, "alice"), exhausted(),
                        requested(ID + "-v2-h2", "alice"))
                .when(new AnswerHook(ID, HOOK_ID, true, false, "late", Map.of()))
                .expectNoEvents();
    }
}
