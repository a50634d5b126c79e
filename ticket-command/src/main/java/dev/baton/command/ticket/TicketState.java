package dev.baton.command.ticket;

import dev.baton.api.ticket.Assignment;
import dev.baton.api.ticket.TicketStatus;
import dev.baton.api.workflow.StateType;

import java.util.Map;
import java.util.Set;

/**
 * What a capability's decision may read of a ticket: a read-only view of the aggregate's state. Decisions take it and
 * return the events to apply (or refuse with a typed {@link dev.baton.api.error.BatonException}); only the
 * aggregate's event-sourcing handlers change the state (ADR 0020).
 */
public interface TicketState {
    String ticketId();

    String workflowKey();

    int workflowVersion();

    /** The sequence number of the ticket's last event. */
    long version();

    TicketStatus status();

    String stateKey();

    StateType stateType();

    String creator();

    /** The ticket's field values. */
    Map<String, Object> fields();

    /** Who must act now, and how. */
    Assignment assignment();

    /** Everyone who has been involved: the creator, those who acted, were assigned or were copied. */
    Set<String> involved();

    /** Every state the ticket has been in. */
    Set<String> passed();

    /** Per state: who moved the ticket out of it last. */
    Map<String, String> lastHandlers();

    /** For a child ticket: its parent's field values when it was started; empty otherwise. */
    Map<String, Object> parentFields();

    /** Who acted on the ticket since {@code user} could act on it, if {@code user} could and somebody else did. */
    String actedSince(String user);
}
