package dev.baton.engine.validation;

import dev.baton.api.workflow.ConditionalRoute;
import dev.baton.api.workflow.StateDef;
import dev.baton.api.workflow.StateType;
import dev.baton.api.workflow.TransitionDef;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.baton.engine.validation.Keys.isBlank;

/**
 * The graph: unique well-formed state and transition keys, a type for every state, exactly one START and at least
 * one END state, transitions and routes between known states, no way out of an END state, a way out of every other
 * state, and every state reachable from the start (from every START state when there are several; left out when
 * there is none, which is reported, or every state would be listed as unreachable).
 */
public final class GraphChecks {
    private final Draft draft;
    private final List<String> starts = new ArrayList<>();
    private int ends;

    public GraphChecks(Draft draft) {
        this.draft = draft;
    }

    /** One state's key and type, recorded for the other checks. */
    public void declare(StateDef state) {
        // a repeated key is one state declared twice: its type is not counted again, its content is checked
        boolean repeated = false;
        Keys.check(draft, "State", state.key());
        if (!isBlank(state.key()) && draft.states.putIfAbsent(state.key(), state) != null) {
            draft.problem("State key '" + state.key() + "' is used more than once");
            repeated = true;
        }
        if (state.type() == null) {
            draft.problem("State '" + state.key() + "' has no type");
        } else if (state.type() == StateType.START && !repeated) {
            starts.add(String.valueOf(state.key()));
        } else if (state.type() == StateType.END && !repeated) {
            ends++;
        }
    }

    /** After every state was declared: exactly one START state, at least one END state. */
    public void startsAndEnds() {
        if (starts.isEmpty()) {
            draft.problem("The workflow has no START state; exactly one is required");
        } else if (starts.size() > 1) {
            draft.problem("The workflow has " + starts.size() + " START states ('" + String.join("', '", starts)
                    + "'); exactly one is required");
        }
        if (ends == 0) {
            draft.problem("The workflow has no END state; at least one is required");
        }
    }

    /** Transitions and their routes (with their conditions), and a way out of every state but the END states. */
    public static void transitions(Draft draft) {
        Set<String> keys = new HashSet<>();
        Set<String> left = new HashSet<>();
        for (TransitionDef t : draft.definition().transitions()) {
            Keys.check(draft, "Transition", t.key());
            if (!isBlank(t.key()) && !keys.add(t.key())) {
                draft.problem("Transition key '" + t.key() + "' is used more than once");
            }
            String where = "Transition '" + t.key() + "'";
            if (isBlank(t.from())) {
                draft.problem(where + " has no source state");
            } else if (!draft.states.containsKey(t.from())) {
                draft.problem(where + " starts from unknown state '" + t.from() + "'");
            } else {
                left.add(t.from());
                if (draft.states.get(t.from()).type() == StateType.END) {
                    draft.problem(where + " leaves END state '" + t.from() + "'; end states have no way out");
                }
            }
            if (isBlank(t.to())) {
                draft.problem(where + " has no destination state");
            } else if (!draft.states.containsKey(t.to())) {
                draft.problem(where + " goes to unknown state '" + t.to() + "'");
            }
            for (ConditionalRoute route : t.routes()) {
                if (route == null) {
                    draft.problem(where + " has an empty route");
                    continue;
                }
                if (isBlank(route.to())) {
                    draft.problem(where + " has a route with no destination state");
                } else if (!draft.states.containsKey(route.to())) {
                    draft.problem(where + " routes to unknown state '" + route.to() + "'");
                }
                ConditionChecks.route(draft, where, route.condition());
            }
        }
        for (StateDef state : draft.states.values()) {
            if (state.type() != StateType.END && !left.contains(state.key())) {
                draft.problem("State '" + state.key() + "' has no outgoing transition");
            }
        }
    }

    /** Every declared state can be reached from a START state, through transitions or routes. */
    public static void reachability(Draft draft) {
        List<String> starts = draft.states.values().stream().filter(s -> s.type() == StateType.START)
                .map(StateDef::key).toList();
        if (starts.isEmpty()) {
            return; // reported as no START state; every state would be listed as unreachable
        }
        String from = starts.size() == 1 ? "the start state '" + starts.get(0) + "'"
                : "any of the START states '" + String.join("', '", starts) + "'";
        Set<String> reached = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(starts);
        while (!todo.isEmpty()) {
            String current = todo.poll();
            if (!reached.add(current)) {
                continue;
            }
            for (TransitionDef t : draft.definition().transitions()) {
                if (current.equals(t.from())) {
                    if (t.to() != null) {
                        todo.add(t.to());
                    }
                    for (ConditionalRoute route : t.routes()) {
                        if (route != null && route.to() != null) {
                            todo.add(route.to());
                        }
                    }
                }
            }
        }
        for (String key : draft.states.keySet()) {
            if (!reached.contains(key)) {
                draft.problem("State '" + key + "' cannot be reached from " + from);
            }
        }
    }
}
