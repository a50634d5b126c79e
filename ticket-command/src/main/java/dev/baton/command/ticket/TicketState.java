package dev.baton.command.ticket;

import dev.baton.api.ticket.Assignment;
import dev.baton.api.ticket.StateRef;
import dev.baton.api.ticket.TicketStatus;
import dev.baton.api.workflow.StateType;
import dev.baton.command.ticket.addsign.OpenSign;
import dev.baton.command.ticket.children.ChildBatch;
import dev.baton.command.ticket.countersign.Votes;
import dev.baton.command.ticket.hooks.HookCall;
import dev.baton.command.ticket.resolvers.ResolverRequest;
import dev.baton.command.ticket.timers.VisitTimers;

import java.util.Map;
import java.util.Set;

/**
 * What a capability's decision may read of a ticket: a read-only view of the aggregate's state. Decisions take it and
 * return the events to apply (or refuse with a typed {@link dev.baton.api.error.BatonException}); only the
 * aggregate's event-sourcing handlers change the state (ADR 0020). A capability's own part of the state (votes, an
 * open add-sign, a hook call, a resolver request, children, timers) is kept in its package and read through here.
 */
public interface TicketState {
    String ticketId();

    String serialNo();

    String title();

    /** The caller application that created the ticket. */
    String appId();

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

    /** After a send-back with "resubmit to me": the state the next agreement returns to; null otherwise. */
    StateRef returnTo();

    /** After a send-back with "resubmit to me": the user who sent it back; null otherwise. */
    String returnToUser();

    /** For a child ticket: its parent's field values when it was started; empty otherwise. */
    Map<String, Object> parentFields();

    /** Who acted on the ticket since {@code user} could act on it, if {@code user} could and somebody else did. */
    String actedSince(String user);

    /** In an all-must-act state: the votes cast there so far. */
    Votes votes();

    /** While an add-sign before or after a participant is open: what the ticket returns to. */
    OpenSign sign();

    /** The hook call the current state waits on, if any. */
    HookCall hook();

    /** The external resolver request the current state waits on, if any. */
    ResolverRequest resolver();

    /** The latest batch of child tickets. */
    ChildBatch children();

    /** The current visit and its timers. */
    VisitTimers timers();
}
