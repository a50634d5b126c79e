package dev.baton.command.ticket.timers;

import dev.baton.api.ticket.event.TimerFired;
import dev.baton.api.ticket.event.TimersScheduled;

import java.util.HashMap;
import java.util.Map;

/** Arrivals so far, in any state, and the current visit's timers with how often each has fired. */
public final class VisitTimers {
    private int visit;
    private final Map<String, TimersScheduled.Timer> timers = new HashMap<>();
    private final Map<String, Integer> firings = new HashMap<>();

    /** The current arrival's number: its timers, hook calls and children belong to this visit. */
    public int visit() {
        return visit;
    }

    /** The current visit's timer {@code timerId}; null when it has none of that id. */
    public TimersScheduled.Timer timer(String timerId) {
        return timers.get(timerId);
    }

    /** How often {@code timerId} has fired in the current visit. */
    public int firings(String timerId) {
        return firings.getOrDefault(timerId, 0);
    }

    /** On arrival anywhere: a new visit, without timers. */
    public void arrived() {
        visit++;
        timers.clear();
        firings.clear();
    }

    public void scheduled(TimersScheduled e) {
        e.timers().forEach(t -> timers.put(t.timerId(), t));
    }

    public void fired(TimerFired e) {
        firings.merge(e.timerId(), e.firing(), Math::max);
    }
}
