package dev.baton.command.ticket.handle;

import dev.baton.api.error.BatonException;
import dev.baton.api.error.ErrorCode;
import dev.baton.api.ticket.Assignment;
import dev.baton.api.ticket.StateRef;
import dev.baton.api.ticket.TicketStatus;
import dev.baton.api.ticket.TransitionRef;
import dev.baton.api.ticket.event.TicketEvent;
import dev.baton.api.ticket.event.TicketHandled;
import dev.baton.api.ticket.event.TicketReassigned;
import dev.baton.api.workflow.Distribution;
import dev.baton.api.workflow.StateDef;
import dev.baton.api.workflow.StateType;
import dev.baton.api.workflow.TransitionDef;
import dev.baton.api.workflow.TransitionKind;
import dev.baton.api.workflow.WorkflowDefinition;
import dev.baton.command.ticket.AssigneeChooser;
import dev.baton.command.ticket.Events;
import dev.baton.command.ticket.TicketState;
import dev.baton.command.ticket.arrival.Arrival;
import dev.baton.command.ticket.countersign.Countersign;
import dev.baton.command.ticket.routing.Assignments;
import dev.baton.engine.DirectoryView;
import dev.baton.engine.ParticipantResolver;
import dev.baton.engine.Routing;

import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static dev.baton.command.ticket.Guards.assertRequiredFieldsFilled;
import static dev.baton.command.ticket.Guards.assertTransitionLeaves;

/**
 * Taking a transition out of the current state ({@code TicketHandled}), by a participant, by Baton itself (a time-out,
 * a hook's answer, children done), or by the participant an add-sign held: the vote is counted where several must
 * act, the destination is routed by the transition's conditions (or is the sender's state after a send-back with
 * "resubmit to me"), who must act there is resolved, and the arrival follows.
 */
public final class Move {
    private Move() {
    }

    /** {@code actor} takes {@code transitionKey} out of {@code current}, setting {@code values} (null clears). */
    public static void take(TicketState ticket, WorkflowDefinition definition, StateDef current, String actor,
                            String transitionKey, Map<String, Object> values, String comment, DirectoryView directory,
                            AssigneeChooser chooser, Clock clock, Events events) {
        TransitionDef transition = assertTransitionLeaves(definition, current, transitionKey);
        // a null value clears the field, as in a patch: the event records it only for a field that has a value
        Map<String, Object> merged = new LinkedHashMap<>(ticket.fields());
        Map<String, Object> setting = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            if (value != null) {
                merged.put(key, value);
                setting.put(key, value);
            } else if (ticket.fields().containsKey(key)) {
                merged.remove(key);
                setting.put(key, null);
            }
        });
        if (transition.checkRequiredFields()) {
            assertRequiredFieldsFilled(current, merged);
        }
        Optional<Countersign.Decided> decided = Countersign.vote(ticket, definition, current, actor, transition,
                setting, comment, directory, clock, events);
        if (decided.isEmpty()) {
            return; // the vote is recorded; others must still act
        }
        TransitionDef move = decided.get().transition();
        boolean returning = ticket.returnTo() != null && move.kind() != TransitionKind.REJECT;
        String destinationKey = returning ? ticket.returnTo().key() : Routing.destination(move, merged);
        StateDef destination = definition.state(destinationKey).orElseThrow(() ->
                new BatonException(ErrorCode.INVALID_DEFINITION, "Expected transition '" + move.key()
                        + "' to lead to a known state, but it does not"));
        // this move counts as handling the current state: a later state may be given to whoever handles it now
        Map<String, String> handlersNow = new HashMap<>(ticket.lastHandlers());
        handlersNow.put(current.key(), actor);
        ParticipantResolver.Context context = new ParticipantResolver.Context(ticket.creator(), merged, handlersNow,
                ticket.parentFields());
        Assignment next = returning
                ? Assignments.familiarOrResolved(ticket, definition, destination, context, ticket.returnToUser(),
                        directory, chooser, clock)
                : Assignments.assign(ticket, definition, destination, context, directory, chooser, clock);
        events.apply(new TicketHandled(ticket.ticketId(), actor, clock.instant(), TransitionRef.of(move),
                StateRef.of(current), StateRef.of(destination), decided.get().values(), decided.get().comment(), next,
                statusAfter(move, destination)));
        Arrival.arrived(ticket, destination, actor, clock, events);
    }

    /**
     * Baton takes {@code transition} by itself (a time-out, a hook's answer, children done); when the move is refused
     * (say, nobody to hand the ticket to), the workflow's admins get the ticket with the reason.
     */
    public static void byItself(TicketState ticket, WorkflowDefinition definition, StateDef current,
                                String transition, String comment, DirectoryView directory, AssigneeChooser chooser,
                                Clock clock, Events events) {
        try {
            take(ticket, definition, current, TicketEvent.SYSTEM_ACTOR, transition, Map.of(), comment, directory,
                    chooser, clock, events);
        } catch (BatonException e) {
            events.apply(new TicketReassigned(ticket.ticketId(), TicketEvent.SYSTEM_ACTOR, clock.instant(),
                    ticket.assignment().users(), false,
                    "Transition '" + transition + "' could not be taken by itself: " + e.getMessage(),
                    Assignment.of(Distribution.ANY_ONE, definition.admins())));
        }
    }

    private static TicketStatus statusAfter(TransitionDef transition, StateDef destination) {
        if (destination.type() == StateType.END) {
            return transition.kind() == TransitionKind.REJECT ? TicketStatus.REJECTED : TicketStatus.FINISHED;
        }
        if (transition.kind() == TransitionKind.REJECT) {
            return TicketStatus.REJECTED;
        }
        return destination.type() == StateType.START ? TicketStatus.DRAFT : TicketStatus.IN_PROGRESS;
    }
}
