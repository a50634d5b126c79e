package dev.baton.command.ticket.timers;

import dev.baton.api.ticket.Assignment;
import dev.baton.api.ticket.StateRef;
import dev.baton.api.ticket.TicketStatus;
import dev.baton.api.ticket.TimerKind;
import dev.baton.api.ticket.TransitionRef;
import dev.baton.api.ticket.command.CreateTicket;
import dev.baton.api.ticket.command.FireTimer;
import dev.baton.api.ticket.event.TicketCreated;
import dev.baton.api.ticket.event.TicketHandled;
import dev.baton.api.ticket.event.TicketReassigned;
import dev.baton.api.ticket.event.TicketReminded;
import dev.baton.api.ticket.event.TimerFired;
import dev.baton.api.ticket.event.TimersScheduled;
import dev.baton.api.workflow.Distribution;
import dev.baton.api.workflow.ParticipantKind;
import dev.baton.api.workflow.ParticipantRule;
import dev.baton.api.workflow.PublishedWorkflow;
import dev.baton.api.workflow.StateDef;
import dev.baton.api.workflow.StateTimers;
import dev.baton.api.workflow.StateType;
import dev.baton.api.workflow.TransitionDef;
import dev.baton.api.workflow.TransitionKind;
import dev.baton.api.workflow.WorkflowDefinition;
import dev.baton.command.ticket.Ticket;
import dev.baton.command.ticket.TicketFixtures;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.baton.command.ticket.TicketFixtures.APP;
import static dev.baton.command.ticket.TicketFixtures.ID;
import static dev.baton.command.ticket.TicketFixtures.NOW;

/**
 * A state's timers: arriving schedules them (ids per arrival), a due time-out takes its transition as Baton, a
 * reminder reminds the current participants each time it fires, an SLA breach notifies or reassigns to its
 * escalation target; a firing for an earlier arrival, or one taken already, changes nothing. Given earlier events,
 * when a command, expect events.
 */
class TimersTest {
    static final StateRef DRAFT = new StateRef("draft", "Draft", StateType.START);
    static final StateRef APPROVAL = new StateRef("approval", "Approval", StateType.NORMAL);
    static final StateRef EXPIRED = new StateRef("expired", "Expired", StateType.END);
    static final StateRef DONE = new StateRef("done", "Done", StateType.END);
    static final Assignment LENA = Assignment.of(Distribution.ANY_ONE, List.of("lena"));
    /** The first arrival is the draft (visit 1); approval is visit 2. */
    static final String PREFIX = ID + "-v2";

    static WorkflowDefinition expiring(StateTimers.Escalation.Kind escalation) {
        StateTimers timers = new StateTimers(new StateTimers.Timeout("P2D", "expire"),
                new StateTimers.Reminders("PT4H", "PT8H", 3),
                new StateTimers.Sla("P1D", new StateTimers.Escalation(escalation, List.of("sam"))));
        return new WorkflowDefinition("expiring", "Expiring", null, false, List.of("admin"), List.of(), List.of(
                new StateDef("draft", "Draft", StateType.START, 1, false, Map.of(),
                        ParticipantRule.of(ParticipantKind.CREATOR), null),
                new StateDef("approval", "Approval", StateType.NORMAL, 2, false, Map.of(),
                        ParticipantRule.of(ParticipantKind.USER, "lena"), Distribution.ANY_ONE, null, false, null,
                        null, timers),
                new StateDef("expired", "Expired", StateType.END, 3, false, Map.of(), null, null),
                new StateDef("done", "Done", StateType.END, 4, false, Map.of(), null, null)),
                List.of(new TransitionDef("submit", "Submit", "draft", "approval", TransitionKind.AGREE, true, List.of()),
                        new TransitionDef("approve", "Approve", "approval", "done", TransitionKind.AGREE, true,
                                List.of()),
                        new TransitionDef("expire", "Expire", "approval", "expired", TransitionKind.REJECT, false,
                                List.of())));
    }

    static FixtureConfiguration<Ticket> fixture(StateTimers.Escalation.Kind escalation) {
        return TicketFixtures.fixture(List.of(new PublishedWorkflow("expiring", 1, NOW, "admin", expiring(escalation))),
                TicketFixtures.oa("expiring"), (distribution, workflow, state, candidates) -> candidates.get(0),
                (workflow, creator, ticket, limit, now) -> { });
    }

    static TicketCreated created() {
        return new TicketCreated(ID, TicketFixtures.SERIAL, "expiring", 1, "Expiring", "Quick one", "alice", APP, NOW, Map.of(), DRAFT,
                Assignment.of(Distribution.ANY_ONE, List.of("alice")), TicketStatus.DRAFT);
    }

    static TicketHandled submitted() {
        return new TicketHandled(ID, "alice", NOW, new TransitionRef("submit", "Submit", TransitionKind.AGREE), DRAFT,
                APPROVAL, Map.of(), null, LENA, TicketStatus.IN_PROGRESS);
    }

    static TimersScheduled scheduled() {
        return new TimersScheduled(ID, "alice", NOW, APPROVAL, 2, List.of(
                new TimersScheduled.Timer(PREFIX + "-timeout", TimerKind.TIMEOUT, NOW.plus(Duration.ofDays(2)), null, 1),
                new TimersScheduled.Timer(PREFIX + "-reminder", TimerKind.REMINDER, NOW.plus(Duration.ofHours(4)),
                        Duration.ofHours(8).toSeconds(), 3),
                new TimersScheduled.Timer(PREFIX + "-sla", TimerKind.SLA, NOW.plus(Duration.ofDays(1)), null, 1)));
    }

    static TimerFired fired(String kind, TimerKind timerKind, int firing, List<String> escalateTo) {
        return new TimerFired(ID, Ticket.SYSTEM, NOW, PREFIX + "-" + kind, timerKind, firing, APPROVAL, escalateTo);
    }

    @Test
    void arrivingSchedulesTheStatesTimers() {
        fixture(StateTimers.Escalation.Kind.NOTIFY).givenNoPriorActivity()
                .when(new CreateTicket(ID, "expiring", "Quick one", "alice", APP, Map.of(), "submit", null))
                .expectEvents(created(), submitted(), scheduled());
    }

    @Test
    void aDueTimeOutTakesItsTransitionAsBaton() {
        fixture(StateTimers.Escalation.Kind.NOTIFY).given(created(), submitted(), scheduled())
                .when(new FireTimer(ID, PREFIX + "-timeout", 2, 1))
                .expectEvents(fired("timeout", TimerKind.TIMEOUT, 1, List.of()), new TicketHandled(ID, Ticket.SYSTEM,
                        NOW, new TransitionRef("expire", "Expire", TransitionKind.REJECT), APPROVAL, EXPIRED, Map.of(),
                        "Timed out after P2D", Assignment.nobody(), TicketStatus.REJECTED));
    }

    @Test
    void aFiringAfterTheTicketMovedOnChangesNothing() {
        fixture(StateTimers.Escalation.Kind.NOTIFY).given(created(), submitted(), scheduled(),
                        new TicketHandled(ID, "lena", NOW, new TransitionRef("approve", "Approve", TransitionKind.AGREE),
                                APPROVAL, DONE, Map.of(), null, Assignment.nobody(), TicketStatus.FINISHED))
                .when(new FireTimer(ID, PREFIX + "-timeout", 2, 1))
                .expectNoEvents();
        fixture(StateTimers.Escalation.Kind.NOTIFY).given(created(), submitted(), scheduled())
                .when(new FireTimer(ID, PREFIX + "-timeout", 1, 1))
                .expectNoEvents();
    }

    @Test
    void eachReminderFiringRemindsOnceAndARepeatedFiringIsIgnored() {
        fixture(StateTimers.Escalation.Kind.NOTIFY).given(created(), submitted(), scheduled())
                .when(new FireTimer(ID, PREFIX + "-reminder", 2, 1))
                .expectEvents(fired("reminder", TimerKind.REMINDER, 1, List.of()),
                        new TicketReminded(ID, Ticket.SYSTEM, NOW, List.of("lena"), "Reminder 1 of 3"));
        fixture(StateTimers.Escalation.Kind.NOTIFY).given(created(), submitted(), scheduled(),
                        fired("reminder", TimerKind.REMINDER, 1, List.of()))
                .when(new FireTimer(ID, PREFIX + "-reminder", 2, 1))
                .expectNoEvents();
        fixture(StateTimers.Escalation.Kind.NOTIFY).given(created(), submitted(), scheduled())
                .when(new FireTimer(ID, PREFIX + "-reminder", 2, 4))
                .expectNoEvents();
    }

    @Test
    void anSlaBreachNotifiesOrReassignsToTheEscalationTarget() {
        fixture(StateTimers.Escalation.Kind.NOTIFY).given(created(), submitted(), scheduled())
                .when(new FireTimer(ID, PREFIX + "-sla", 2, 1))
                .expectEvents(fired("sla", TimerKind.SLA, 1, List.of("sam")));
        fixture(StateTimers.Escalation.Kind.REASSIGN).given(created(), submitted(), scheduled())
                .when(new FireTimer(ID, PREFIX + "-sla", 2, 1))
                .expectEvents(fired("sla", TimerKind.SLA, 1, List.of()), new TicketReassigned(ID, Ticket.SYSTEM, NOW,
                        List.of("lena"), false, "SLA of P1D breached",
                        Assignment.of(Distribution.ANY_ONE, List.of("sam"))));
    }
}
