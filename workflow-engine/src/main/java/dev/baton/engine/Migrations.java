package dev.baton.engine;

import dev.baton.api.workflow.StateDef;
import dev.baton.api.workflow.WorkflowDefinition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Moving tickets from one version of a workflow to another: a state mapping (old key to new key, a state it does
 * not name keeping its key) is complete when every old state lands on a new state of the same type.
 */
public final class Migrations {
    private Migrations() {
    }

    /** Every reason the mapping cannot carry tickets from {@code from} to {@code to}; empty when it can. */
    public static List<String> problems(WorkflowDefinition from, WorkflowDefinition to, Map<String, String> mapping) {
        List<String> problems = new ArrayList<>();
        mapping.keySet().stream().filter(k -> from.state(k).isEmpty()).sorted()
                .forEach(k -> problems.add("The mapping names state '" + k + "', which the old version does not have"));
        for (StateDef old : from.states()) {
            String target = mapping.getOrDefault(old.key(), old.key());
            Optional<StateDef> landing = to.state(target);
            if (landing.isEmpty()) {
                problems.add(mapping.containsKey(old.key())
                        ? "State '" + old.key() + "' maps to '" + target + "', which the new version does not have"
                        : "State '" + old.key() + "' is not mapped and the new version has no state of that key");
            } else if (landing.get().type() != old.type()) {
                problems.add("State '" + old.key() + "' (" + old.type() + ") maps to '" + target + "' ("
                        + landing.get().type() + "); a state must land on one of the same type");
            }
        }
        return problems;
    }

    /** The whole mapping: every old state's key to its new key. */
    public static Map<String, String> effective(WorkflowDefinition from, Map<String, String> mapping) {
        Map<String, String> result = new LinkedHashMap<>();
        from.states().forEach(s -> result.put(s.key(), mapping.getOrDefault(s.key(), s.key())));
        return result;
    }
}
