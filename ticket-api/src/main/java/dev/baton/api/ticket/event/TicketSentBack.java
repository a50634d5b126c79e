package dev.baton.api.ticket.event;

import dev.baton.api.ticket.Assignment;
import dev.baton.api.ticket.StateRef;
import dev.baton.api.ticket.TicketStatus;

import java.time.Instant;

/**
 * A participant sent the ticket back from {@code from} to {@code to}, a state it passed through earlier, where
 * {@code assignment} must act (whoever handled that state last, when still active). {@code returnTo}, when set, is
 * the state the next agreement in {@code to} leads to straight away: the sender's.
 */
public record TicketSentBack(String ticketId, String actor, Instant at, StateRef from, StateRef to, String comment,
                             Assignment assignment, TicketStatus status, StateRef returnTo) implements TicketEvent {
}
