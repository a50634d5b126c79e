package dev.baton.notification.consumer;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a role's consumer has learned about recent tickets from their own events: whether the role keeps rows for a
 * ticket (timers, hook calls) or not. It lets the role skip a statement that could find nothing, such as forgetting
 * the timers of a ticket that never had any, which is most of what a role costs on a flow that does not use it.
 * <p>
 * Only what this consumer saw in order counts: a ticket is known from its creation on, a miss means "unknown" (the
 * statement runs), the oldest tickets are forgotten beyond the capacity, and everything is forgotten whenever
 * partitions move between consumers (another instance may have handled a ticket's events meanwhile).
 */
public final class SeenTickets {
    /**
     * How many tickets a role remembers by default: about 1.3 MB of heap per memory when full (three memories in the
     * worker), minutes of creations at full load; an older ticket just runs its statements.
     */
    public static final int DEFAULT_CAPACITY = 10_000;

    private final Map<String, Boolean> keeps;

    /** @param capacity how many tickets are remembered (the least recently seen are forgotten first) */
    public SeenTickets(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("Expected a capacity of at least 1, but got " + capacity);
        }
        this.keeps = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The role keeps nothing for the ticket (it was just created, or what was kept is gone). */
    public synchronized void keepsNothing(String ticketId) {
        keeps.put(ticketId, false);
    }

    /** The role keeps rows for the ticket. */
    public synchronized void keepsRows(String ticketId) {
        keeps.put(ticketId, true);
    }

    /** What is known of the ticket no longer holds (a migration): the next question runs the statement. */
    public synchronized void forget(String ticketId) {
        keeps.remove(ticketId);
    }

    /** False only when the ticket is known to have nothing kept for it. */
    public synchronized boolean mayKeepRows(String ticketId) {
        Boolean known = keeps.get(ticketId);
        return known == null || known;
    }

    public synchronized void forgetAll() {
        keeps.clear();
    }

    synchronized int size() {
        return keeps.size();
    }

    /** A rebalance listener that forgets everything these memories know whenever the role's partitions move. */
    public static ConsumerAwareRebalanceListener forgetOnRebalance(SeenTickets... memories) {
        return new ConsumerAwareRebalanceListener() {
            @Override
            public void onPartitionsRevokedBeforeCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
                forget();
            }

            @Override
            public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
                forget();
            }

            @Override
            public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
                forget();
            }

            private void forget() {
                for (SeenTickets memory : memories) {
                    memory.forgetAll();
                }
            }
        };
    }
}
