package dev.baton.api.directory;

import java.time.Instant;
import java.util.List;

/**
 * While {@code from <= now < until}, work that rules give to {@code delegator} goes to {@code delegate} instead, for
 * every workflow when {@code workflows} is empty, otherwise for those named, unless a workflow forbids delegation.
 *
 * @param id        the delegation's id
 * @param delegator who is away
 * @param delegate  who acts for them
 * @param from      start of the window, inclusive
 * @param until     end of the window, exclusive
 * @param workflows workflow keys it covers; empty for all
 * @param reason    why, shown to the delegate
 * @param createdBy who created it: the delegator, or an admin
 */
public record Delegation(String id, String delegator, String delegate, Instant from, Instant until,
                         List<String> workflows, String reason, String createdBy) {
    public Delegation {
        workflows = workflows == null ? List.of() : List.copyOf(workflows);
    }

    /** Whether it hands {@code workflowKey}'s work over at {@code at}. */
    public boolean covers(String workflowKey, Instant at) {
        return !at.isBefore(from) && at.isBefore(until) && (workflows.isEmpty() || workflows.contains(workflowKey));
    }
}
