package dev.baton.api.ticket.event;

import dev.baton.api.ticket.StateRef;
import dev.baton.api.ticket.TimerKind;

import java.time.Instant;
import java.util.List;

/**
 * The ticket arrived in a state with timers: the timer worker keeps each until it is due, then fires it back as a
 * command. Leaving the state cancels them; a firing for an earlier {@code visit} changes nothing.
 *
 * @param visit the ticket's arrival this schedule belongs to (it counts every arrival in any state)
 */
public record TimersScheduled(String ticketId, String actor, Instant at, StateRef state, int visit,
                              List<Timer> timers) implements TicketEvent {
    public TimersScheduled {
        timers = timers == null ? List.of() : List.copyOf(timers);
    }

    /**
     * One timer.
     *
     * @param everySeconds for a repeating reminder: the interval after the first firing
     * @param times        for a reminder: how often it fires in all; null for as long as the ticket stays
     */
    public record Timer(String timerId, TimerKind kind, Instant dueAt, Long everySeconds, Integer times) {
    }
}
