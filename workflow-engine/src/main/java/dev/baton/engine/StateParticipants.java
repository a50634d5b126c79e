package dev.baton.engine;

import dev.baton.api.workflow.Fallback;
import dev.baton.api.workflow.StateDef;
import dev.baton.api.workflow.WorkflowDefinition;

import java.util.List;

/**
 * Who handles a normal state on arrival: its participant rule resolved for the ticket, else its fallback (a named
 * user or the workflow's admins), only active users either way. Empty when both find nobody; the caller refuses then,
 * with {@link #nobody}.
 */
public final class StateParticipants {
    private StateParticipants() {
    }

    public static List<String> resolve(WorkflowDefinition definition, StateDef state,
                                       ParticipantResolver.Context context, DirectoryView directory) {
        List<String> users = ParticipantResolver.resolve(state.participants(), context, directory);
        if (!users.isEmpty()) {
            return users;
        }
        return fallbackCandidates(definition, state).stream()
                .filter(u -> directory.user(u).filter(d -> d.active()).isPresent()).distinct().toList();
    }

    /** The state's fallback alone, active users only: who takes the ticket when an external resolver names nobody. */
    public static List<String> fallback(WorkflowDefinition definition, StateDef state, DirectoryView directory) {
        return fallbackCandidates(definition, state).stream()
                .filter(u -> directory.user(u).filter(d -> d.active()).isPresent()).distinct().toList();
    }

    /** Why a state has nobody: the rule, and the fallback that found nobody either. */
    public static String nobody(WorkflowDefinition definition, StateDef state) {
        Fallback fallback = state.fallbackOrDefault();
        return "Expected state '" + state.key() + "' to have at least one active participant by rule "
                + (state.participants() == null ? "none" : state.participants().kind() + " "
                + state.participants().values()) + (fallback.kind() == Fallback.Kind.REFUSE ? ""
                : " or by its fallback " + fallback.kind() + " " + fallbackCandidates(definition, state))
                + ", but it resolves to nobody";
    }

    private static List<String> fallbackCandidates(WorkflowDefinition definition, StateDef state) {
        Fallback fallback = state.fallbackOrDefault();
        return switch (fallback.kind()) {
            case USER -> fallback.user() == null ? List.of() : List.of(fallback.user());
            case ADMINS -> definition.admins();
            case REFUSE -> List.of();
        };
    }
}
