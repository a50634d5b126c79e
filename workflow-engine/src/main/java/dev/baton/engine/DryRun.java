package dev.baton.engine;

import dev.baton.api.ticket.StateRef;
import dev.baton.api.ticket.TransitionRef;
import dev.baton.api.workflow.Distribution;
import dev.baton.api.workflow.StateDef;
import dev.baton.api.workflow.StateType;
import dev.baton.api.workflow.TransitionDef;
import dev.baton.api.workflow.TransitionKind;
import dev.baton.api.workflow.WorkflowDefinition;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The path a ticket would take if everyone agreed, and who would handle each state, without creating anything. From
 * the start state it follows, at each state, the first agree-kind transition (else the first other-kind one) with its
 * routes evaluated on the given field values, and resolves each normal state's participants as a real arrival would
 * (rule, then fallback). A {@code HANDLER_OF} rule sees the first participant of the earlier state on the path. The
 * walk stops at an end state, at a state with no way forward, at a state visited before, or where nobody would
 * handle a state.
 */
public final class DryRun {
    private DryRun() {
    }

    /**
     * One state on the path.
     *
     * @param participants who would handle it (empty for the start, where the creator acts, and end states)
     * @param via          the transition that leaves it on the path (null for the last step)
     * @param problem      why the walk stops here, if it stops early
     */
    public record Step(StateRef state, Distribution distribution, List<String> participants, TransitionRef via,
                       String problem) {
    }

    /** The whole path; {@code reachesEnd} when it ends in an end state without a problem. */
    public record Path(String workflowKey, int workflowVersion, String creator, List<Step> steps, boolean reachesEnd) {
    }

    public static Path walk(String workflowKey, int version, WorkflowDefinition definition, String creator,
                            Map<String, Object> fields, DirectoryView directory) {
        List<Step> steps = new ArrayList<>();
        Map<String, String> handlers = new HashMap<>();
        Set<String> visited = new HashSet<>();
        Optional<StateDef> next = definition.startState();
        boolean reachesEnd = false;
        while (next.isPresent()) {
            StateDef state = next.get();
            if (!visited.add(state.key())) {
                steps.add(new Step(StateRef.of(state), state.distribution(), List.of(), null,
                        "The path comes back to state '" + state.key() + "': it would loop"));
                break;
            }
            List<String> participants = List.of();
            if (state.startsChildren()) {
                // nobody acts: the ticket waits for its children, then takes the configured transition
                Optional<TransitionDef> done = definition.transition(state.children().transition());
                if (done.isEmpty()) {
                    steps.add(new Step(StateRef.of(state), state.distribution(), List.of(), null,
                            "State '" + state.key() + "' names no transition to take when its children are done"));
                    break;
                }
                steps.add(new Step(StateRef.of(state), state.distribution(), List.of(), TransitionRef.of(done.get()),
                        null));
                next = definition.state(Routing.destination(done.get(), fields));
                continue;
            }
            if (state.type() == StateType.NORMAL && (state.hook() != null || state.participants() != null
                    && state.participants().isExternal())) {
                // an external system handles it, or names who does, when a ticket arrives; the walk calls neither
                steps.add(new Step(StateRef.of(state), state.distribution(), List.of(),
                        forward(definition, state).map(TransitionRef::of).orElse(null), null));
                Optional<TransitionDef> onward = forward(definition, state);
                if (onward.isEmpty()) {
                    break;
                }
                next = definition.state(Routing.destination(onward.get(), fields));
                continue;
            }
            if (state.type() == StateType.NORMAL) {
                participants = StateParticipants.resolve(definition, state,
                        new ParticipantResolver.Context(creator, fields, handlers), directory);
                if (participants.isEmpty()) {
                    steps.add(new Step(StateRef.of(state), state.distribution(), List.of(), null,
                            StateParticipants.nobody(definition, state)));
                    break;
                }
                handlers.put(state.key(), participants.get(0));
            } else if (state.type() == StateType.START) {
                handlers.put(state.key(), creator);
            }
            if (state.type() == StateType.END) {
                steps.add(new Step(StateRef.of(state), state.distribution(), List.of(), null, null));
                reachesEnd = true;
                break;
            }
            Optional<TransitionDef> forward = forward(definition, state);
            if (forward.isEmpty()) {
                steps.add(new Step(StateRef.of(state), state.distribution(), participants, null,
                        "State '" + state.key() + "' has no agree or other transition to go on with"));
                break;
            }
            String destination = Routing.destination(forward.get(), fields);
            steps.add(new Step(StateRef.of(state), state.distribution(), participants, TransitionRef.of(forward.get()),
                    null));
            next = definition.state(destination);
        }
        return new Path(workflowKey, version, creator, List.copyOf(steps), reachesEnd);
    }

    private static Optional<TransitionDef> forward(WorkflowDefinition definition, StateDef state) {
        List<TransitionDef> out = definition.transitionsFrom(state.key());
        return out.stream().filter(t -> t.kind() == TransitionKind.AGREE).findFirst()
                .or(() -> out.stream().filter(t -> t.kind() == TransitionKind.OTHER).findFirst());
    }
}
