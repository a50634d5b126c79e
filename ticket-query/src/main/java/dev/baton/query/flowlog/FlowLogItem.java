package dev.baton.query.flowlog;

import dev.baton.api.ticket.StateRef;
import dev.baton.api.ticket.TicketSnapshot;
import dev.baton.api.ticket.TransitionRef;
import dev.baton.api.ticket.event.ChildEnded;
import dev.baton.api.ticket.event.ChildrenRequested;
import dev.baton.api.ticket.event.CommentAdded;
import dev.baton.api.ticket.event.ParticipantsRequested;
import dev.baton.api.ticket.event.HookAnswered;
import dev.baton.api.ticket.event.HookRequested;
import dev.baton.api.ticket.event.TimerFired;
import dev.baton.api.ticket.event.TimersScheduled;
import dev.baton.api.ticket.event.ParticipantsResolved;
import dev.baton.api.ticket.event.CountersignRecorded;
import dev.baton.api.ticket.event.SignAdded;
import dev.baton.api.ticket.event.SignFinished;
import dev.baton.api.ticket.event.TicketAccepted;
import dev.baton.api.ticket.event.TicketClosed;
import dev.baton.api.ticket.event.TicketCreated;
import dev.baton.api.ticket.event.TicketDeleted;
import dev.baton.api.ticket.event.TicketEvent;
import dev.baton.api.ticket.event.FieldsPatched;
import dev.baton.api.ticket.event.TicketCopied;
import dev.baton.api.ticket.event.TicketHandled;
import dev.baton.api.ticket.event.TicketReminded;
import dev.baton.api.ticket.event.TicketJumped;
import dev.baton.api.ticket.event.TicketMigrated;
import dev.baton.api.ticket.event.TicketReassigned;
import dev.baton.api.ticket.event.TicketReleased;
import dev.baton.api.ticket.event.TicketSentBack;
import dev.baton.api.ticket.event.TicketWithdrawn;
import dev.baton.api.ticket.event.TicketTransferred;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One flow-log entry: who did what, when, from which state to which, with which transition and comment, the
 * event's own details, and the whole ticket right after it. {@code action} is one of create, handle, countersign,
 * accept, release, transfer, addSign, finishSign, close, comment, withdraw, sendBack, reassign, jump, patch, cc,
 * remind, delete, migrate, startChildren, childEnded, resolve, resolved, timers, timerFired, hook, hookAnswered.
 */
public record FlowLogItem(long seq, String eventType, String action, String actor, Instant at,
                          TransitionRef transition, StateRef fromState, StateRef toState, String comment,
                          Map<String, Object> details, TicketSnapshot snapshot) {

    /** The state the ticket was in when the action happened. */
    public String happenedIn() {
        return fromState != null ? fromState.key() : toState.key();
    }

    /** The entry for {@code event}, which turned {@code before} (null for creation) into {@code after}. */
    public static FlowLogItem of(TicketEvent event, long seq, TicketSnapshot before, TicketSnapshot after) {
        Map<String, Object> details = new LinkedHashMap<>();
        TransitionRef transition = null;
        String comment = null;
        if (event instanceof TicketCreated e) {
            details.put("fields", e.fields());
        } else if (event instanceof TicketHandled e) {
            transition = e.transition();
            comment = e.comment();
            details.put("fields", e.fields());
        } else if (event instanceof CountersignRecorded e) {
            transition = e.transition();
            comment = e.comment();
            details.put("fields", e.fields());
        } else if (event instanceof TicketReleased e) {
            comment = e.comment();
        } else if (event instanceof TicketMigrated e) {
            comment = e.reason();
            details.put("fromVersion", e.fromVersion());
            details.put("toVersion", e.toVersion());
        } else if (event instanceof TicketDeleted e) {
            comment = e.reason();
        } else if (event instanceof FieldsPatched e) {
            comment = e.comment();
            details.put("changes", e.changes());
        } else if (event instanceof TicketCopied e) {
            comment = e.comment();
            details.put("to", e.to());
        } else if (event instanceof TicketReminded e) {
            comment = e.comment();
            details.put("users", e.users());
        } else if (event instanceof TicketReassigned e) {
            comment = e.reason();
            details.put("from", e.from());
            details.put("to", e.assignment().users());
            details.put("reresolved", e.reresolved());
        } else if (event instanceof TicketJumped e) {
            comment = e.reason();
            details.put("to", e.to().key());
        } else if (event instanceof TicketWithdrawn e) {
            comment = e.comment();
        } else if (event instanceof TicketSentBack e) {
            comment = e.comment();
            details.put("to", e.to().key());
            if (e.returnTo() != null) {
                details.put("returnTo", e.returnTo().key());
            }
        } else if (event instanceof TicketTransferred e) {
            comment = e.comment();
            details.put("to", e.to());
        } else if (event instanceof SignAdded e) {
            comment = e.comment();
            details.put("to", e.to());
            details.put("users", e.users());
            details.put("position", e.position().name());
            details.put("mode", e.mode().name());
            if (e.transition() != null) {
                details.put("held", e.transition().key());
            }
        } else if (event instanceof SignFinished e) {
            comment = e.comment();
            details.put("returnedTo", e.returnedTo());
            details.put("agree", e.agree());
            if (e.pending()) {
                details.put("waitingFor", e.assignment().users());
            }
        } else if (event instanceof TicketClosed e) {
            comment = e.reason();
            details.put("reason", e.reason());
        } else if (event instanceof CommentAdded e) {
            comment = e.comment();
        } else if (event instanceof ChildrenRequested e) {
            details.put("children", e.children().stream().map(c -> Map.of("ticketId", c.ticketId(),
                    "workflow", c.workflowKey(), "title", c.title())).toList());
        } else if (event instanceof HookRequested e) {
            // the hook's url and secret name stay out of the flow log: participants see that a system was asked
            details.put("hookId", e.hookId());
            details.put("mode", e.hook().mode().name());
        } else if (event instanceof HookAnswered e) {
            comment = e.message();
            details.put("hookId", e.hookId());
            details.put("success", e.success());
            if (e.exhausted()) {
                details.put("exhausted", true);
            }
            details.put("fields", e.fields());
        } else if (event instanceof TimersScheduled e) {
            details.put("timers", e.timers().stream().map(t -> Map.of("kind", t.kind().name(),
                    "dueAt", t.dueAt().toString())).toList());
        } else if (event instanceof TimerFired e) {
            details.put("kind", e.kind().name());
            details.put("firing", e.firing());
            if (!e.escalateTo().isEmpty()) {
                details.put("escalateTo", e.escalateTo());
            }
        } else if (event instanceof ParticipantsRequested e) {
            details.put("requestId", e.requestId());
            details.put("url", e.url());
            details.put("timeoutSeconds", e.timeoutSeconds());
        } else if (event instanceof ParticipantsResolved e) {
            comment = e.failure();
            details.put("requestId", e.requestId());
            details.put("participants", e.assignment().users());
            if (e.failure() != null) {
                details.put("failure", e.failure());
            }
        } else if (event instanceof ChildEnded e) {
            comment = e.reason();
            details.put("child", e.child());
            details.put("outcome", e.outcome().name());
        }
        String delegator = before == null ? null : before.assignment().onBehalfOf().get(event.actor());
        if (delegator != null && acting(event)) {
            details.put("onBehalfOf", delegator);
        }
        return new FlowLogItem(seq, event.getClass().getSimpleName(), action(event), event.actor(), event.at(),
                transition, before == null ? null : before.state(), after.state(), comment, details, after);
    }

    /**
     * This entry as a viewer who may see only {@code visible} fields reads it: the snapshot's fields and the event's
     * field values and changes cut down to those.
     */
    public FlowLogItem restrictedTo(Set<String> visible) {
        Map<String, Object> shownDetails = new LinkedHashMap<>(details);
        if (details.get("fields") instanceof Map<?, ?> values) {
            shownDetails.put("fields", values.entrySet().stream().filter(e -> visible.contains(String.valueOf(e.getKey())))
                    .collect(LinkedHashMap::new, (m, e) -> m.put(e.getKey(), e.getValue()), Map::putAll));
        }
        if (details.get("changes") instanceof List<?> changes) {
            shownDetails.put("changes", changes.stream()
                    .filter(c -> c instanceof FieldsPatched.Change change && visible.contains(change.field())).toList());
        }
        Map<String, Object> shownFields = new LinkedHashMap<>();
        snapshot.fields().forEach((k, v) -> {
            if (visible.contains(k)) {
                shownFields.put(k, v);
            }
        });
        TicketSnapshot s = snapshot;
        TicketSnapshot shown = new TicketSnapshot(s.ticketId(), s.serialNo(), s.workflowKey(), s.workflowVersion(),
                s.workflowName(), s.title(), s.creator(), s.appId(), s.createdAt(), s.updatedAt(), s.state(), s.status(),
                shownFields, s.assignment(), s.version(), s.parent(), s.children());
        return new FlowLogItem(seq, eventType, action, actor, at, transition, fromState, toState, comment, shownDetails,
                shown);
    }

    /** The action an event records, as the flow log and the step bar name it. */
    public static String action(TicketEvent event) {
        if (event instanceof TicketCreated) {
            return "create";
        } else if (event instanceof TicketHandled) {
            return "handle";
        } else if (event instanceof CountersignRecorded) {
            return "countersign";
        } else if (event instanceof TicketAccepted) {
            return "accept";
        } else if (event instanceof TicketReleased) {
            return "release";
        } else if (event instanceof ChildrenRequested) {
            return "startChildren";
        } else if (event instanceof ParticipantsRequested) {
            return "resolve";
        } else if (event instanceof TimersScheduled) {
            return "timers";
        } else if (event instanceof HookRequested) {
            return "hook";
        } else if (event instanceof HookAnswered) {
            return "hookAnswered";
        } else if (event instanceof TimerFired) {
            return "timerFired";
        } else if (event instanceof ParticipantsResolved) {
            return "resolved";
        } else if (event instanceof ChildEnded) {
            return "childEnded";
        } else if (event instanceof TicketMigrated) {
            return "migrate";
        } else if (event instanceof TicketDeleted) {
            return "delete";
        } else if (event instanceof FieldsPatched) {
            return "patch";
        } else if (event instanceof TicketCopied) {
            return "cc";
        } else if (event instanceof TicketReminded) {
            return "remind";
        } else if (event instanceof TicketReassigned) {
            return "reassign";
        } else if (event instanceof TicketJumped) {
            return "jump";
        } else if (event instanceof TicketWithdrawn) {
            return "withdraw";
        } else if (event instanceof TicketSentBack) {
            return "sendBack";
        } else if (event instanceof TicketTransferred) {
            return "transfer";
        } else if (event instanceof SignAdded) {
            return "addSign";
        } else if (event instanceof SignFinished) {
            return "finishSign";
        } else if (event instanceof TicketClosed) {
            return "close";
        } else if (event instanceof CommentAdded) {
            return "comment";
        }
        throw new IllegalArgumentException("Unknown ticket event " + event.getClass().getName());
    }

    /** Whether the event's actor counts as having acted on the ticket (it then shows in their related list). */
    public static boolean acting(TicketEvent event) {
        return !(event instanceof TicketCreated) && !TicketEvent.SYSTEM_ACTOR.equals(event.actor());
    }

    /**
     * Whether the event's actor worked on the ticket (it then shows in their worked list): took a turn as the one
     * who must act (handle, countersign, accept, release, transfer, add-sign, finish-sign, send back) or, as its
     * creator, withdrew it. Comments, CCs, reminders, field edits, closing, admins' interventions and Baton's own
     * steps do not count.
     */
    public static boolean working(TicketEvent event) {
        return acting(event) && (event instanceof TicketHandled || event instanceof CountersignRecorded
                || event instanceof TicketAccepted || event instanceof TicketReleased
                || event instanceof TicketTransferred || event instanceof SignAdded || event instanceof SignFinished
                || event instanceof TicketSentBack || event instanceof TicketWithdrawn);
    }
}
