package dev.baton.api.workflow;

import java.util.List;

/**
 * What happens by itself while a ticket stays in a state. Durations are ISO-8601 ({@code PT48H}, {@code P2D},
 * {@code PT30M}), counted from the ticket's arrival.
 *
 * @param timeout   after a while, the system actor takes a transition
 * @param reminders the current participants are reminded: first after {@code first}, then every {@code every}, at
 *                  most {@code times} times in all (unbounded while they stay when absent)
 * @param sla       a deadline; when it passes, the escalation target is notified or takes the ticket over
 */
public record StateTimers(Timeout timeout, Reminders reminders, Sla sla) {

    /** After {@code after}, take {@code transition} (which must leave the state). */
    public record Timeout(String after, String transition) {
    }

    public record Reminders(String first, String every, Integer times) {
    }

    public record Sla(String within, Escalation escalation) {
    }

    /** Whom an SLA breach goes to, and whether they are told ({@code NOTIFY}) or take the ticket ({@code REASSIGN}). */
    public record Escalation(Kind kind, List<String> users) {
        public Escalation {
            users = Entries.list("an SLA escalation's users", users);
        }

        public enum Kind { NOTIFY, REASSIGN }
    }
}
