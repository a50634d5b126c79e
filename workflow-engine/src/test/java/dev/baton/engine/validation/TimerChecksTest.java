package dev.baton.engine.validation;

import dev.baton.api.workflow.StateDef;
import dev.baton.api.workflow.StateTimers;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Timers on a state: time-outs, reminders and SLAs. */
class TimerChecksTest extends DefinitionVariants {
    private static StateDef timed(StateDef s, StateTimers timers) {
        return new StateDef(s.key(), s.name(), s.type(), s.order(), s.hidden(), s.fields(), s.participants(),
                s.distribution(), s.countersign(), s.withdrawable(), s.fallback(), s.children(), timers);
    }

    @Test
    void aTimeOutTakingATransitionThatLeavesTheStateWithRemindersAndAnSlaIsValid() {
        StateTimers timers = new StateTimers(new StateTimers.Timeout("PT48H", "leader_approve"),
                new StateTimers.Reminders("PT4H", "PT8H", 3),
                new StateTimers.Sla("P1D", new StateTimers.Escalation(StateTimers.Escalation.Kind.NOTIFY,
                        List.of("dora"))));
        assertThat(problems(mapState("leader_approval", s -> timed(s, timers)))).isEmpty();
    }

    @Test
    void durationsThatDoNotReadOrAreOutOfRangeAreReported() {
        StateTimers timers = new StateTimers(new StateTimers.Timeout("two days", "leader_approve"),
                new StateTimers.Reminders("P400D", "PT0S", 0), null);
        assertThat(problems(mapState("leader_approval", s -> timed(s, timers)))).containsExactly(
                "State 'leader_approval''s time-out 'after' (two days) must be an ISO-8601 duration from PT1S to "
                        + "PT8784H, like PT48H or P2D",
                "State 'leader_approval''s reminders 'first' (P400D) must be an ISO-8601 duration from PT1S to "
                        + "PT8784H, like PT48H or P2D",
                "State 'leader_approval''s reminders 'every' (PT0S) must be an ISO-8601 duration from PT1S to "
                        + "PT8784H, like PT48H or P2D",
                "State 'leader_approval''s reminders 'times' must be at least 1; got 0");
    }

    @Test
    void aTimeOutMustTakeATransitionLeavingItsState() {
        StateTimers timers = new StateTimers(new StateTimers.Timeout("PT1H", "complete"), null, null);
        assertThat(problems(mapState("leader_approval", s -> timed(s, timers)))).containsExactly(
                "State 'leader_approval''s time-out must take a transition leaving it, one of [leader_approve, "
                        + "leader_reject]; got 'complete'");
    }

    @Test
    void anSlaMustEscalateToActiveUsers() {
        StateTimers nobody = new StateTimers(null, null, new StateTimers.Sla("P1D", null));
        StateTimers stranger = new StateTimers(null, null, new StateTimers.Sla("P1D",
                new StateTimers.Escalation(StateTimers.Escalation.Kind.REASSIGN, List.of("nobody-here"))));
        assertThat(problems(mapState("leader_approval", s -> timed(s, nobody)))).containsExactly(
                "State 'leader_approval''s SLA must escalate (NOTIFY or REASSIGN) to at least one user");
        assertThat(problems(mapState("leader_approval", s -> timed(s, stranger)))).containsExactly(
                "State 'leader_approval''s SLA escalates to 'nobody-here', who is not an active user");
    }
}
