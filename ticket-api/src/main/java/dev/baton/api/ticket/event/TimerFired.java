package dev.baton.api.ticket.event;

import dev.baton.api.ticket.StateRef;
import dev.baton.api.ticket.TimerKind;

import java.time.Instant;
import java.util.List;

/**
 * A timer of the current state fired (its {@code firing}-th time) and took effect; the events that follow are its
 * effect (a transition, a reminder, a reassignment). {@code escalateTo}: for an SLA breach escalated by notice,
 * who is told.
 */
public record TimerFired(String ticketId, String actor, Instant at, String timerId, TimerKind kind, int firing,
                         StateRef state, List<String> escalateTo) implements TicketEvent {
    public TimerFired {
        escalateTo = escalateTo == null ? List.of() : List.copyOf(escalateTo);
    }
}
