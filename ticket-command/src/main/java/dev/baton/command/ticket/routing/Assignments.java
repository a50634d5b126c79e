package dev.baton.command.ticket.routing;

import dev.baton.api.error.BatonException;
import dev.baton.api.error.ErrorCode;
import dev.baton.api.ticket.Assignment;
import dev.baton.api.workflow.Distribution;
import dev.baton.api.workflow.StateDef;
import dev.baton.api.workflow.StateType;
import dev.baton.api.workflow.WorkflowDefinition;
import dev.baton.command.ticket.AssigneeChooser;
import dev.baton.command.ticket.TicketState;
import dev.baton.engine.DirectoryView;
import dev.baton.engine.ParticipantResolver;
import dev.baton.engine.StateParticipants;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who must act when a ticket arrives in a state: the state's rule resolved for this ticket, else its fallback, shared
 * by its distribution, with delegations applied; or, coming back to a state, whoever handled it last. Every
 * capability that moves a ticket (handle, send back, jump, reassign, migrate) assigns through here.
 */
public final class Assignments {
    private Assignments() {
    }

    /** This ticket as a participant rule sees it, with {@code fieldsNow} as its field values. */
    public static ParticipantResolver.Context context(TicketState ticket, Map<String, Object> fieldsNow) {
        return new ParticipantResolver.Context(ticket.creator(), fieldsNow, ticket.lastHandlers(),
                ticket.parentFields());
    }

    /** {@code users} who are still active in the directory, in their order. */
    public static List<String> active(List<String> users, DirectoryView directory) {
        return users.stream().filter(u -> directory.user(u).filter(d -> d.active()).isPresent()).toList();
    }

    /** A state an external resolver names the participants of. */
    public static boolean isExternal(StateDef state) {
        return state.type() == StateType.NORMAL && state.participants() != null && state.participants().isExternal();
    }

    /**
     * Back in a state: whoever handled it last ({@code familiar}), if still active and the state is handled by one
     * person at a time; otherwise the state's rule resolved afresh.
     */
    public static Assignment familiarOrResolved(TicketState ticket, WorkflowDefinition definition, StateDef state,
                                                ParticipantResolver.Context context, String familiar,
                                                DirectoryView directory, AssigneeChooser chooser, Clock clock) {
        boolean everyoneActs = state.distribution() == Distribution.ALL
                || state.distribution() == Distribution.SEQUENTIAL;
        if (state.type() == StateType.NORMAL && familiar != null && !everyoneActs && !state.startsChildren()
                && state.hook() == null
                && directory.user(familiar).filter(u -> u.active()).isPresent()) {
            return delegated(ticket, definition, state.distribution(), List.of(familiar), directory, clock);
        }
        return assign(ticket, definition, state, context, directory, chooser, clock);
    }

    /**
     * Who must act on arrival in {@code destination}: its rule resolved for this ticket ({@code context}: its
     * creator, field values and who handled its states), else the state's fallback, then shared by its distribution.
     * Refused when even the fallback finds nobody active.
     */
    public static Assignment assign(TicketState ticket, WorkflowDefinition definition, StateDef destination,
                                    ParticipantResolver.Context context, DirectoryView directory,
                                    AssigneeChooser chooser, Clock clock) {
        if (destination.type() == StateType.END) {
            return Assignment.nobody();
        }
        if (destination.type() == StateType.START) {
            return Assignment.of(Distribution.ANY_ONE, List.of(ticket.creator()));
        }
        if (destination.startsChildren() || isExternal(destination) || destination.hook() != null) {
            return Assignment.nobody(); // the children, or the external resolver, come next: see arrived(…)
        }
        List<String> users = StateParticipants.resolve(definition, destination, context, directory);
        if (users.isEmpty()) {
            throw new BatonException(ErrorCode.NO_PARTICIPANTS, StateParticipants.nobody(definition, destination));
        }
        if (destination.distribution().choosesOne() && users.size() > 1) {
            String chosen = chooser.choose(destination.distribution(), ticket.workflowKey(), destination.key(), users);
            if (!users.contains(chosen)) {
                throw new IllegalStateException("Expected one of " + users + " to be chosen, but got '" + chosen + "'");
            }
            users = List.of(chosen);
        }
        return delegated(ticket, definition, destination.distribution(), users, directory, clock);
    }

    /**
     * The assignment of {@code users} shared by {@code distribution}, each user who has delegated this workflow's work
     * now replaced by their delegate (recorded in {@code onBehalfOf}), unless the workflow forbids delegation. A
     * delegate who is already among the users takes the place once.
     */
    public static Assignment delegated(TicketState ticket, WorkflowDefinition definition, Distribution distribution,
                                       List<String> users, DirectoryView directory, Clock clock) {
        if (definition.forbidDelegation()) {
            return Assignment.of(distribution, users);
        }
        Map<String, String> onBehalfOf = new LinkedHashMap<>();
        List<String> acting = new ArrayList<>();
        for (String user : users) {
            String delegate = directory.delegateOf(user, ticket.workflowKey(), clock.instant()).orElse(user);
            if (!delegate.equals(user)) {
                onBehalfOf.putIfAbsent(delegate, user);
            }
            if (!acting.contains(delegate)) {
                acting.add(delegate);
            }
        }
        return Assignment.of(distribution, acting).withOnBehalfOf(onBehalfOf);
    }
}
