package dev.baton.api.ticket;

import dev.baton.api.workflow.Distribution;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Who must act on a ticket now, as resolved by ticket-command and recorded in every event that changes it.
 *
 * @param distribution    how the work is shared in the current state
 * @param users           the users who have the ticket in their todo list (for {@code ALL}: those who have not
 *                        acted yet; while {@code awaitingAccept}: the candidates)
 * @param awaitingAccept  one of {@code users} must accept before anyone can act
 * @param done            for {@code ALL}: who has already acted in this state
 * @param signRequestedBy when an add-sign is open: the user the ticket returns to once {@code users} finish
 * @param queue           for {@code SEQUENTIAL}: who acts after {@code users}, in order
 * @param pool            for a ticket accepted from several candidates: those candidates, to whom the acceptor can
 *                        release it
 * @param onBehalfOf      delegate → delegator, for each of {@code users}, {@code queue} and {@code pool} who holds
 *                        the place because its rule's user delegated their work ("B for A")
 */
public record Assignment(Distribution distribution, List<String> users, boolean awaitingAccept, List<String> done,
                         String signRequestedBy, List<String> queue, List<String> pool,
                         Map<String, String> onBehalfOf) {
    public Assignment {
        users = users == null ? List.of() : List.copyOf(users);
        done = done == null ? List.of() : List.copyOf(done);
        queue = queue == null ? List.of() : List.copyOf(queue);
        pool = pool == null ? List.of() : List.copyOf(pool);
        onBehalfOf = onBehalfOf == null || onBehalfOf.isEmpty() ? Map.of()
                : Collections.unmodifiableMap(new TreeMap<>(onBehalfOf));
    }

    public Assignment(Distribution distribution, List<String> users, boolean awaitingAccept, List<String> done,
                      String signRequestedBy, List<String> queue, List<String> pool) {
        this(distribution, users, awaitingAccept, done, signRequestedBy, queue, pool, Map.of());
    }

    public Assignment(Distribution distribution, List<String> users, boolean awaitingAccept, List<String> done,
                      String signRequestedBy) {
        this(distribution, users, awaitingAccept, done, signRequestedBy, List.of(), List.of());
    }

    public static Assignment nobody() {
        return new Assignment(Distribution.ANY_ONE, List.of(), false, List.of(), null);
    }

    /**
     * The assignment on arrival in a state, from the resolved participants: all of them, except that a
     * {@code SEQUENTIAL} state gives the ticket to the first and queues the rest.
     */
    public static Assignment of(Distribution distribution, List<String> users) {
        if (distribution == Distribution.SEQUENTIAL && users.size() > 1) {
            return new Assignment(distribution, users.subList(0, 1), false, List.of(), null,
                    users.subList(1, users.size()), List.of());
        }
        boolean claim = distribution == Distribution.ACCEPT_FIRST && users.size() > 1;
        return new Assignment(distribution, users, claim, List.of(), null);
    }

    public boolean includes(String username) {
        return users.contains(username);
    }

    /**
     * This assignment with the delegations of {@code earlier} that still apply: those of delegates who are still
     * among its users, queue or pool.
     */
    public Assignment keepingDelegationsOf(Assignment earlier) {
        if (earlier == null || earlier.onBehalfOf.isEmpty()) {
            return this;
        }
        Map<String, String> kept = new TreeMap<>();
        earlier.onBehalfOf.forEach((delegate, delegator) -> {
            if (users.contains(delegate) || queue.contains(delegate) || pool.contains(delegate)) {
                kept.put(delegate, delegator);
            }
        });
        kept.putAll(onBehalfOf);
        return new Assignment(distribution, users, awaitingAccept, done, signRequestedBy, queue, pool, kept);
    }

    /** The same assignment with {@code onBehalfOf} replaced. */
    public Assignment withOnBehalfOf(Map<String, String> delegations) {
        return new Assignment(distribution, users, awaitingAccept, done, signRequestedBy, queue, pool, delegations);
    }
}
