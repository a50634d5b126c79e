package dev.baton.notification.hook;

import dev.baton.notification.consumer.SeenTickets;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;

import java.util.Collection;

/**
 * What the hook role's consumer knows of recent tickets: which have open calls (their state asked for a hook) and
 * which are followed in {@code hook_ticket} (their workflow version has event hooks). Both are forgotten whenever
 * the role's partitions move.
 */
public record HookSeenTickets(SeenTickets withCalls, SeenTickets followed) implements ConsumerAwareRebalanceListener {
    public HookSeenTickets(int capacity) {
        this(new SeenTickets(capacity), new SeenTickets(capacity));
    }

    @Override
    public void onPartitionsRevokedBeforeCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        forgetAll();
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        forgetAll();
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        forgetAll();
    }

    private void forgetAll() {
        withCalls.forgetAll();
        followed.forgetAll();
    }
}
