package dev.baton.query.flowlog;

import dev.baton.api.ticket.TransitionRef;
import dev.baton.api.workflow.StateDef;
import dev.baton.api.workflow.StateType;
import dev.baton.api.workflow.WorkflowDefinition;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The step bar of a ticket: its workflow's states in {@code order}, hidden states left out unless the ticket is or
 * was in them (a side branch it took belongs to its story), each
 * marked passed (the ticket was in it before), current or ahead, with the flow-log entries that happened in it.
 */
public record StepBar(String ticketId, String currentState, List<Step> steps) {

    public enum Progress { PASSED, CURRENT, AHEAD }

    public record Step(String key, String name, StateType type, int order, Progress progress, List<StepEntry> entries) {
    }

    /** A flow-log entry as a step lists it (the full snapshot is in the flow log). */
    public record StepEntry(long seq, String action, String actor, Instant at, TransitionRef transition,
                            String comment) {
    }

    public static StepBar of(String ticketId, String currentState, WorkflowDefinition definition,
                             List<FlowLogItem> log) {
        Set<String> visited = new HashSet<>();
        for (FlowLogItem item : log) {
            if (item.fromState() != null) {
                visited.add(item.fromState().key());
            }
            visited.add(item.toState().key());
        }
        List<Step> steps = definition.states().stream()
                .sorted(Comparator.comparingInt(StateDef::order))
                .filter(s -> !s.hidden() || s.key().equals(currentState) || visited.contains(s.key()))
                .map(s -> new Step(s.key(), s.name(), s.type(), s.order(),
                        s.key().equals(currentState) ? Progress.CURRENT
                                : visited.contains(s.key()) ? Progress.PASSED : Progress.AHEAD,
                        log.stream().filter(i -> i.happenedIn().equals(s.key()))
                                .map(i -> new StepEntry(i.seq(), i.action(), i.actor(), i.at(), i.transition(),
                                        i.comment()))
                                .toList()))
                .toList();
        return new StepBar(ticketId, currentState, steps);
    }
}
