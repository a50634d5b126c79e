package dev.baton.api.ticket;

import dev.baton.api.ticket.event.ChildEnded;
import dev.baton.api.ticket.event.ChildrenRequested;
import dev.baton.api.ticket.event.CommentAdded;
import dev.baton.api.ticket.event.HookAnswered;
import dev.baton.api.ticket.event.HookRequested;
import dev.baton.api.ticket.event.ParticipantsRequested;
import dev.baton.api.ticket.event.TimerFired;
import dev.baton.api.ticket.event.TimersScheduled;
import dev.baton.api.ticket.event.ParticipantsResolved;
import dev.baton.api.ticket.event.CountersignRecorded;
import dev.baton.api.ticket.event.FieldsPatched;
import dev.baton.api.ticket.event.SignAdded;
import dev.baton.api.ticket.event.SignFinished;
import dev.baton.api.ticket.event.TicketAccepted;
import dev.baton.api.ticket.event.TicketClosed;
import dev.baton.api.ticket.event.TicketCopied;
import dev.baton.api.ticket.event.TicketCreated;
import dev.baton.api.ticket.event.TicketDeleted;
import dev.baton.api.ticket.event.TicketEvent;
import dev.baton.api.ticket.event.TicketHandled;
import dev.baton.api.ticket.event.TicketJumped;
import dev.baton.api.ticket.event.TicketMigrated;
import dev.baton.api.ticket.event.TicketReassigned;
import dev.baton.api.ticket.event.TicketReleased;
import dev.baton.api.ticket.event.TicketReminded;
import dev.baton.api.ticket.event.TicketSentBack;
import dev.baton.api.ticket.event.TicketTransferred;
import dev.baton.api.ticket.event.TicketWithdrawn;


import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole ticket after some event: what every flow-log entry holds and what time travel returns. It is a pure
 * fold over the ticket's events, so every consumer derives the same snapshot from the same events.
 *
 * @param version  the sequence number of the last event folded in (0 after creation)
 * @param parent   for a child ticket, its parent
 * @param children the child tickets this one started, with the outcome of those that ended
 */
public record TicketSnapshot(String ticketId, String serialNo, String workflowKey, int workflowVersion,
                             String workflowName, String title, String creator, String appId, Instant createdAt,
                             Instant updatedAt, StateRef state, TicketStatus status, Map<String, Object> fields,
                             Assignment assignment, long version, ParentRef parent, List<ChildRef> children) {
    public TicketSnapshot {
        children = children == null ? List.of() : List.copyOf(children);
    }

    public TicketSnapshot(String ticketId, String serialNo, String workflowKey, int workflowVersion,
                          String workflowName, String title, String creator, String appId, Instant createdAt,
                          Instant updatedAt, StateRef state, TicketStatus status, Map<String, Object> fields,
                          Assignment assignment, long version) {
        this(ticketId, serialNo, workflowKey, workflowVersion, workflowName, title, creator, appId, createdAt,
                updatedAt, state, status, fields, assignment, version, null, List.of());
    }

    public static TicketSnapshot of(TicketCreated e) {
        return new TicketSnapshot(e.ticketId(), e.serialNo(), e.workflowKey(), e.workflowVersion(),
                e.workflowName(), e.title(), e.actor(), e.appId(), e.at(), e.at(), e.state(), e.status(),
                e.fields(), e.assignment(), 0, e.parent(), List.of());
    }

    /** The snapshot after {@code event}, which is the ticket's event number {@code sequence}. */
    public TicketSnapshot apply(TicketEvent event, long sequence) {
        if (event instanceof TicketCreated e) {
            return of(e);
        } else if (event instanceof TicketHandled e) {
            return next(e, sequence, e.to(), e.status(), merge(e.fields()), e.assignment());
        } else if (event instanceof CountersignRecorded e) {
            return next(e, sequence, state, status, merge(e.fields()), e.assignment());
        } else if (event instanceof TicketAccepted e) {
            return next(e, sequence, state, status, fields, e.assignment());
        } else if (event instanceof FieldsPatched e) {
            return next(e, sequence, state, status, patch(e.changes()), assignment);
        } else if (event instanceof TicketMigrated e) {
            return new TicketSnapshot(ticketId, serialNo, workflowKey, e.toVersion(), workflowName, title, creator,
                    appId, createdAt, e.at(), e.to(), status, fields, e.assignment(), sequence, parent, children);
        } else if (event instanceof ChildrenRequested e) {
            List<ChildRef> started = new ArrayList<>(children);
            e.children().forEach(c -> started.add(new ChildRef(c.ticketId(), c.workflowKey(), c.title(), null)));
            return new TicketSnapshot(ticketId, serialNo, workflowKey, workflowVersion, workflowName, title, creator,
                    appId, createdAt, e.at(), state, status, fields, assignment, sequence, parent, started);
        } else if (event instanceof HookRequested e) {
            // the external system handles the state: nobody acts meanwhile
            return next(e, sequence, state, status, fields, Assignment.nobody());
        } else if (event instanceof HookAnswered e) {
            return next(e, sequence, state, status, merge(e.fields()), assignment);
        } else if (event instanceof TimersScheduled e) {
            return next(e, sequence, state, status, fields, assignment);
        } else if (event instanceof TimerFired e) {
            return next(e, sequence, state, status, fields, assignment);
        } else if (event instanceof ParticipantsRequested e) {
            return next(e, sequence, state, status, fields, assignment);
        } else if (event instanceof ParticipantsResolved e) {
            return next(e, sequence, state, status, fields, e.assignment());
        } else if (event instanceof ChildEnded e) {
            List<ChildRef> now = children.stream().map(c -> c.ticketId().equals(e.child())
                    ? new ChildRef(c.ticketId(), c.workflowKey(), c.title(), e.outcome()) : c).toList();
            return new TicketSnapshot(ticketId, serialNo, workflowKey, workflowVersion, workflowName, title, creator,
                    appId, createdAt, e.at(), state, status, fields, assignment, sequence, parent, now);
        } else if (event instanceof TicketDeleted e) {
            return next(e, sequence, state, TicketStatus.DELETED, fields, Assignment.nobody());
        } else if (event instanceof TicketCopied e) {
            return next(e, sequence, state, status, fields, assignment);
        } else if (event instanceof TicketReminded e) {
            return next(e, sequence, state, status, fields, assignment);
        } else if (event instanceof TicketReassigned e) {
            return next(e, sequence, state, status, fields, e.assignment());
        } else if (event instanceof TicketJumped e) {
            return next(e, sequence, e.to(), e.status(), fields, e.assignment());
        } else if (event instanceof TicketWithdrawn e) {
            return next(e, sequence, e.to(), TicketStatus.DRAFT, fields, e.assignment());
        } else if (event instanceof TicketSentBack e) {
            return next(e, sequence, e.to(), e.status(), fields, e.assignment());
        } else if (event instanceof TicketReleased e) {
            return next(e, sequence, state, status, fields, e.assignment());
        } else if (event instanceof TicketTransferred e) {
            return next(e, sequence, state, status, fields, e.assignment());
        } else if (event instanceof SignAdded e) {
            return next(e, sequence, state, status, fields, e.assignment());
        } else if (event instanceof SignFinished e) {
            return next(e, sequence, state, status, fields, e.assignment());
        } else if (event instanceof TicketClosed e) {
            return next(e, sequence, e.state(), TicketStatus.CLOSED, fields, Assignment.nobody());
        } else if (event instanceof CommentAdded e) {
            return next(e, sequence, state, status, fields, assignment);
        }
        throw new IllegalArgumentException("Unknown ticket event " + event.getClass().getName());
    }

    private Map<String, Object> merge(Map<String, Object> changes) {
        if (changes.isEmpty()) {
            return fields;
        }
        Map<String, Object> merged = new LinkedHashMap<>(fields);
        changes.forEach((key, value) -> {
            if (value == null) {
                merged.remove(key); // a null value clears the field
            } else {
                merged.put(key, value);
            }
        });
        return Map.copyOf(merged);
    }

    private Map<String, Object> patch(List<FieldsPatched.Change> changes) {
        Map<String, Object> patched = new LinkedHashMap<>(fields);
        for (FieldsPatched.Change change : changes) {
            if (change.after() == null) {
                patched.remove(change.field());
            } else {
                patched.put(change.field(), change.after());
            }
        }
        return Map.copyOf(patched);
    }

    private TicketSnapshot next(TicketEvent e, long sequence, StateRef newState, TicketStatus newStatus,
                                Map<String, Object> newFields, Assignment newAssignment) {
        return new TicketSnapshot(ticketId, serialNo, workflowKey, workflowVersion, workflowName, title, creator,
                appId, createdAt, e.at(), newState, newStatus, newFields, newAssignment, sequence, parent, children);
    }
}
