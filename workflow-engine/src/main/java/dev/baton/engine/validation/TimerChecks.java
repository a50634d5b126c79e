package dev.baton.engine.validation;

import dev.baton.api.directory.DirectoryUser;
import dev.baton.api.workflow.StateDef;
import dev.baton.api.workflow.StateTimers;
import dev.baton.api.workflow.StateType;
import dev.baton.engine.Timers;

import java.util.List;

/**
 * Timers only on states a ticket waits in, with durations that read (1 s to 366 days), a time-out transition that
 * leaves the state, reminders with a first delay (and a positive count when given), and an SLA escalating to known
 * active users.
 */
public final class TimerChecks {
    private TimerChecks() {
    }

    public static void timers(Draft draft, StateDef state) {
        StateTimers timers = state.timers();
        if (timers == null) {
            return;
        }
        String where = "State '" + state.key() + "'";
        if (state.type() == StateType.END) {
            draft.problem(where + " is an END state and has timers; nothing waits there");
        }
        String durations = " must be an ISO-8601 duration from " + Timers.SHORTEST + " to " + Timers.LONGEST
                + ", like PT48H or P2D";
        if (timers.timeout() != null) {
            if (Timers.duration(timers.timeout().after()).isEmpty()) {
                draft.problem(where + "'s time-out 'after' (" + timers.timeout().after() + ")" + durations);
            }
            List<String> leaving = draft.leaving(state.key());
            if (timers.timeout().transition() == null || !leaving.contains(timers.timeout().transition())) {
                draft.problem(where + "'s time-out must take a transition leaving it, one of " + leaving + "; got '"
                        + timers.timeout().transition() + "'");
            }
        }
        if (timers.reminders() != null) {
            if (Timers.duration(timers.reminders().first()).isEmpty()) {
                draft.problem(where + "'s reminders 'first' (" + timers.reminders().first() + ")" + durations);
            }
            if (timers.reminders().every() != null && Timers.duration(timers.reminders().every()).isEmpty()) {
                draft.problem(where + "'s reminders 'every' (" + timers.reminders().every() + ")" + durations);
            }
            if (timers.reminders().times() != null && timers.reminders().times() < 1) {
                draft.problem(where + "'s reminders 'times' must be at least 1; got " + timers.reminders().times());
            }
        }
        if (timers.sla() != null) {
            if (Timers.duration(timers.sla().within()).isEmpty()) {
                draft.problem(where + "'s SLA 'within' (" + timers.sla().within() + ")" + durations);
            }
            StateTimers.Escalation escalation = timers.sla().escalation();
            if (escalation == null || escalation.kind() == null || escalation.users().isEmpty()) {
                draft.problem(where + "'s SLA must escalate (NOTIFY or REASSIGN) to at least one user");
            } else if (draft.directory() != null) {
                for (String user : escalation.users()) {
                    if (draft.directory().user(user).filter(DirectoryUser::active).isEmpty()) {
                        draft.problem(where + "'s SLA escalates to '" + user + "', who is not an active user");
                    }
                }
            }
        }
    }
}
