package dev.baton.command.ticket.countersign;

import dev.baton.api.error.BatonException;
import dev.baton.api.error.ErrorCode;
import dev.baton.api.ticket.Assignment;
import dev.baton.api.ticket.StateRef;
import dev.baton.api.ticket.TransitionRef;
import dev.baton.api.ticket.event.CountersignRecorded;
import dev.baton.api.workflow.Distribution;
import dev.baton.api.workflow.StateDef;
import dev.baton.api.workflow.TransitionDef;
import dev.baton.api.workflow.TransitionKind;
import dev.baton.api.workflow.WorkflowDefinition;
import dev.baton.command.ticket.Events;
import dev.baton.command.ticket.TicketState;
import dev.baton.command.ticket.routing.Assignments;
import dev.baton.engine.Countersigning;
import dev.baton.engine.DirectoryView;
import dev.baton.engine.StateParticipants;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A vote where more than one participant must act ({@code HandleTicket} → {@code CountersignRecorded}): in an
 * all-must-act state the state's countersign policy counts the votes (veto, unanimous, quorum, last decides) and
 * the ticket waits until it decides; in a sequential state an agreement hands the ticket to the next in line who is
 * still active, and a rejection rejects at once.
 */
public final class Countersign {
    private Countersign() {
    }

    /** What the votes decided: the transition the ticket now takes, with the values and comment it carries. */
    public record Decided(TransitionDef transition, Map<String, Object> values, String comment) {
    }

    /**
     * Records {@code actor}'s vote for {@code transition} when the ticket still waits for others, and answers empty;
     * otherwise answers the transition the ticket takes now (the vote's own, or, when a unanimous decision is made
     * by this vote in favour, the first vote against, after recording this vote).
     */
    public static Optional<Decided> vote(TicketState ticket, WorkflowDefinition definition, StateDef current,
                                         String actor, TransitionDef transition, Map<String, Object> values,
                                         String comment, DirectoryView directory, Clock clock, Events events) {
        Assignment assignment = ticket.assignment();
        TransitionRef taken = TransitionRef.of(transition);
        boolean against = transition.kind() == TransitionKind.REJECT;
        List<String> done = new ArrayList<>(assignment.done());
        done.add(actor);
        if (assignment.distribution() == Distribution.SEQUENTIAL && !against && !assignment.queue().isEmpty()) {
            events.apply(new CountersignRecorded(ticket.ticketId(), actor, clock.instant(), taken,
                    StateRef.of(current), values, comment, nextInLine(ticket, definition, current, done, directory,
                    clock)));
            return Optional.empty();
        }
        if (assignment.distribution() != Distribution.ALL) {
            return Optional.of(new Decided(transition, values, comment));
        }
        List<String> pending = assignment.users().stream().filter(u -> !u.equals(actor)).toList();
        List<Countersigning.Vote> cast = new ArrayList<>(ticket.votes().counted());
        cast.add(new Countersigning.Vote(actor, against));
        Countersigning.Outcome outcome = Countersigning.decide(current.countersignOrDefault(), cast, pending.size());
        if (outcome == Countersigning.Outcome.WAIT) {
            events.apply(new CountersignRecorded(ticket.ticketId(), actor, clock.instant(), taken,
                    StateRef.of(current), values, comment,
                    new Assignment(Distribution.ALL, pending, false, done, null).keepingDelegationsOf(assignment)));
            return Optional.empty();
        }
        if (outcome != Countersigning.Outcome.REJECT || against) {
            return Optional.of(new Decided(transition, values, comment));
        }
        // decided by an earlier vote against: record this vote, then reject along that vote's transition
        events.apply(new CountersignRecorded(ticket.ticketId(), actor, clock.instant(), taken, StateRef.of(current),
                values, comment, new Assignment(Distribution.ALL, List.of(), false, done, null)));
        String rejecting = ticket.votes().transitionOf(Countersigning.rejectingVote(cast));
        TransitionDef decided = definition.transition(rejecting).orElseThrow(() -> new BatonException(
                ErrorCode.INVALID_DEFINITION, "Expected transition '" + rejecting + "' in workflow '"
                + ticket.workflowKey() + "' v" + ticket.workflowVersion() + ", but it is missing"));
        return Optional.of(new Decided(decided, Map.of(), null));
    }

    /**
     * In a sequential state, after an agreement: the next in line who is still active (those deactivated meanwhile
     * are passed over), with the rest behind them. When nobody in line is left, the state's fallback takes the
     * remaining turn, as on an arrival whose rule resolves to nobody; refused when the fallback finds nobody either.
     */
    private static Assignment nextInLine(TicketState ticket, WorkflowDefinition definition, StateDef current,
                                         List<String> done, DirectoryView directory, Clock clock) {
        Assignment assignment = ticket.assignment();
        List<String> line = Assignments.active(assignment.queue(), directory);
        if (!line.isEmpty()) {
            return new Assignment(Distribution.SEQUENTIAL, line.subList(0, 1), false, done, null,
                    line.subList(1, line.size()), List.of()).keepingDelegationsOf(assignment);
        }
        List<String> fallback = StateParticipants.fallback(definition, current, directory);
        if (fallback.isEmpty()) {
            throw new BatonException(ErrorCode.NO_PARTICIPANTS, "Expected an active user in line after "
                    + done.get(done.size() - 1) + " in state '" + current.key() + "', but " + assignment.queue()
                    + " are no longer active and the state's fallback finds nobody either");
        }
        Assignment resolved = Assignments.delegated(ticket, definition, Distribution.SEQUENTIAL, fallback, directory,
                clock);
        return new Assignment(Distribution.SEQUENTIAL, resolved.users(), false, done, null, resolved.queue(),
                List.of(), resolved.onBehalfOf());
    }
}
