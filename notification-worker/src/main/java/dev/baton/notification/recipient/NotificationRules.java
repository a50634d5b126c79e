package dev.baton.notification.recipient;

import dev.baton.api.ticket.Assignment;
import dev.baton.api.ticket.StateRef;
import dev.baton.api.ticket.event.CountersignRecorded;
import dev.baton.api.ticket.event.ParticipantsResolved;
import dev.baton.api.ticket.event.TimerFired;
import dev.baton.api.ticket.event.SignAdded;
import dev.baton.api.ticket.event.SignFinished;
import dev.baton.api.ticket.event.TicketCreated;
import dev.baton.api.ticket.event.TicketEvent;
import dev.baton.api.ticket.event.TicketHandled;
import dev.baton.api.ticket.event.TicketCopied;
import dev.baton.api.ticket.event.TicketJumped;
import dev.baton.api.ticket.event.TicketReminded;
import dev.baton.api.ticket.event.TicketReassigned;
import dev.baton.api.ticket.event.TicketReleased;
import dev.baton.api.ticket.event.TicketSentBack;
import dev.baton.api.ticket.event.TicketTransferred;
import dev.baton.api.workflow.Distribution;

import dev.baton.api.ticket.TicketStatus;
import dev.baton.api.ticket.event.HookAnswered;
import dev.baton.api.ticket.event.TicketClosed;
import dev.baton.api.ticket.event.TicketWithdrawn;
import dev.baton.notification.summary.TicketEnd;
import dev.baton.notification.summary.TicketSummary;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which events notify whom. A ticket's new participants are told; the actor never is about their own action.
 * <ul>
 *   <li>{@link TicketHandled}: the users of the new assignment (every candidate when it awaits an accept);</li>
 *   <li>{@link TicketTransferred}: {@code to}; {@link SignAdded}: every added signer; {@link SignFinished}: {@code
 *   returnedTo} once the add-sign closes, the next signer in a sequence before that;</li>
 *   <li>{@link TicketCreated}: its assignment's users other than the creator (for a draft: nobody);</li>
 *   <li>{@link CountersignRecorded} in a {@code SEQUENTIAL} state: the next user in the sequence;</li>
 *   <li>{@link TicketReleased}: the candidates it is offered to again;</li>
 *   <li>{@link TicketSentBack}: whoever must act in the state it was sent back to;</li>
 *   <li>{@link TicketReassigned}: the new users who did not have it before; {@link TicketJumped}: whoever must act in
 *       the state it was moved to;</li>
 *   <li>{@code TicketWithdrawn}: nobody (it is back with its creator, who withdrew it);</li>
 *   <li>{@link TicketCopied}: the users copied; {@link TicketReminded}: the users reminded;</li>
 *   <li>{@code TicketMigrated}, {@code TicketDeleted}, {@code FieldsPatched}: nobody, in this version;</li>
 *   <li>{@code TicketAccepted}, {@code CountersignRecorded} of an all-must-act state (its pending users have it
 *       already), {@code TicketClosed}, {@code CommentAdded}: nobody, in this version.</li>
 * </ul>
 */
public final class NotificationRules {
    private NotificationRules() {
    }

    /**
     * Every notice of an event: those it makes the ticket's to act on ({@link #noticeFor}), and those its creator,
     * admins or former assignees are told of its outcome:
     * <ul>
     *   <li>a handled ticket now {@code REJECTED}: its creator ({@link Reason#REJECTED}), who is not also told it is
     *       theirs again; into an end state: its creator ({@link Reason#ENDED});</li>
     *   <li>{@link TicketClosed}: its creator ({@link Reason#CLOSED});</li>
     *   <li>{@link TicketWithdrawn}: those who had it before ({@link Reason#WITHDRAWN});</li>
     *   <li>{@link HookAnswered} that exhausted the hook: the workflow's admins and the creator, who may retry it
     *       ({@link Reason#HOOK_FAILED}).</li>
     * </ul>
     * The actor is never told of their own action.
     *
     * @param before the ticket as it was before the event (creator, assignees)
     * @param admins the workflow's admins
     */
    public static List<Notice> noticesFor(TicketEvent event, TicketSummary before, List<String> admins) {
        List<Notice> notices = new ArrayList<>();
        Optional<Notice> toAct = noticeFor(event);
        String creator = before.creator();
        if (event instanceof TicketHandled e && e.status() == TicketStatus.REJECTED) {
            toAct = toAct.map(n -> new Notice(n.reason(), n.action(), n.state(), n.comment(),
                    n.usernames().stream().filter(u -> !u.equals(creator)).toList()));
            notices.add(new Notice(Reason.REJECTED, Action.of(e.transition()), e.to(), e.comment(),
                    creator == null ? List.of() : List.of(creator)));
        } else if (event instanceof TicketHandled e && TicketEnd.endedBy(e)) {
            notices.add(new Notice(Reason.ENDED, Action.of(e.transition()), e.to(), e.comment(),
                    creator == null ? List.of() : List.of(creator)));
        } else if (event instanceof TicketClosed e) {
            notices.add(new Notice(Reason.CLOSED, Action.CLOSE, e.state(), e.reason(),
                    creator == null ? List.of() : List.of(creator)));
        } else if (event instanceof TicketWithdrawn e) {
            notices.add(new Notice(Reason.WITHDRAWN, Action.WITHDRAW, e.from(), e.comment(),
                    distinct(before.assignees())));
        } else if (event instanceof HookAnswered e && e.exhausted()) {
            List<String> told = new ArrayList<>(admins);
            if (creator != null) {
                told.add(creator);
            }
            notices.add(new Notice(Reason.HOOK_FAILED, Action.HOOK, null, e.message(), distinct(told)));
        }
        toAct.ifPresent(n -> notices.add(0, n));
        return notices.stream().map(n -> withoutActor(n, event.actor())).filter(n -> !n.usernames().isEmpty())
                .toList();
    }

    public static Optional<Notice> noticeFor(TicketEvent event) {
        Optional<Notice> notice = Optional.empty();
        if (event instanceof TicketCreated e) {
            notice = assigned(e.assignment(), Action.CREATE, e.state(), null);
        } else if (event instanceof TicketHandled e) {
            notice = assigned(e.assignment(), Action.of(e.transition()), e.to(), e.comment());
        } else if (event instanceof TicketTransferred e) {
            notice = to(Reason.TRANSFERRED, Action.TRANSFER, e.comment(), e.to());
        } else if (event instanceof SignAdded e) {
            notice = Optional.of(new Notice(Reason.SIGN_REQUESTED, Action.ADD_SIGN, null, e.comment(),
                    distinct(e.users())));
        } else if (event instanceof SignFinished e && e.closed()) {
            notice = to(Reason.SIGN_RETURNED, Action.FINISH_SIGN, e.comment(), e.returnedTo());
        } else if (event instanceof SignFinished e && e.assignment().distribution() == Distribution.SEQUENTIAL) {
            // the next signer in line
            notice = Optional.of(new Notice(Reason.SIGN_REQUESTED, Action.FINISH_SIGN, null, e.comment(),
                    distinct(e.assignment().users())));
        } else if (event instanceof CountersignRecorded e && e.assignment().distribution() == Distribution.SEQUENTIAL) {
            notice = assigned(e.assignment(), Action.of(e.transition()), e.state(), e.comment());
        } else if (event instanceof TicketReleased e) {
            notice = assigned(e.assignment(), Action.RELEASE, null, e.comment());
        } else if (event instanceof TimerFired e && !e.escalateTo().isEmpty()) {
            notice = Optional.of(new Notice(Reason.SLA_BREACHED, Action.ESCALATE, e.state(), null,
                    distinct(e.escalateTo())));
        } else if (event instanceof ParticipantsResolved e) {
            // the resolving step is over: those it named must act now
            notice = assigned(e.assignment(), Action.REASSIGN, null, e.failure());
        } else if (event instanceof TicketCopied e) {
            notice = Optional.of(new Notice(Reason.COPIED, Action.CC, null, e.comment(), distinct(e.to())));
        } else if (event instanceof TicketReminded e) {
            notice = Optional.of(new Notice(Reason.REMINDED, Action.REMIND, null, e.comment(), distinct(e.users())));
        } else if (event instanceof TicketReassigned e) {
            notice = assigned(e.assignment(), Action.REASSIGN, null, e.reason()).map(n -> new Notice(n.reason(),
                    n.action(), n.state(), n.comment(), n.usernames().stream().filter(u -> !e.from().contains(u))
                    .toList()));
        } else if (event instanceof TicketJumped e) {
            notice = assigned(e.assignment(), Action.JUMP, e.to(), e.reason());
        } else if (event instanceof TicketSentBack e) {
            notice = assigned(e.assignment(), Action.SEND_BACK, e.to(), e.comment())
                    .map(n -> new Notice(Reason.SENT_BACK, n.action(), n.state(), n.comment(), n.usernames()));
        }
        // TicketAccepted, other CountersignRecorded, TicketClosed and CommentAdded notify nobody in this version.
        return notice.map(n -> withoutActor(n, event.actor())).filter(n -> !n.usernames().isEmpty());
    }

    private static Optional<Notice> assigned(Assignment assignment, Action action, StateRef state, String comment) {
        if (assignment == null) {
            return Optional.empty();
        }
        Reason reason = assignment.awaitingAccept() ? Reason.OFFERED : Reason.ASSIGNED;
        return Optional.of(new Notice(reason, action, state, comment, distinct(assignment.users())));
    }

    private static Optional<Notice> to(Reason reason, Action action, String comment, String username) {
        return Optional.of(new Notice(reason, action, null, comment, username == null ? List.of() : List.of(username)));
    }

    private static Notice withoutActor(Notice notice, String actor) {
        List<String> others = notice.usernames().stream().filter(u -> !u.equals(actor)).toList();
        return new Notice(notice.reason(), notice.action(), notice.state(), notice.comment(), others);
    }

    private static List<String> distinct(Collection<String> usernames) {
        Set<String> seen = new LinkedHashSet<>();
        for (String u : usernames) {
            if (u != null && !u.isBlank()) {
                seen.add(u);
            }
        }
        return List.copyOf(seen);
    }
}
