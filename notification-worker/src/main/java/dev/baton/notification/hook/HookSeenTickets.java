package dev.baton.notification.hook;

import dev.baton.notification.consumer.SeenTickets;

/**
 * What the hook role's consumer knows of recent tickets: which have open calls (their state asked for a hook) and
 * which are followed in {@code hook_ticket} (their workflow version has event hooks). Both are forgotten whenever
 * the role's partitions move ({@link SeenTickets#forgetOnRebalance}).
 */
public record HookSeenTickets(SeenTickets withCalls, SeenTickets followed) {
    public HookSeenTickets(int capacity) {
        this(new SeenTickets(capacity), new SeenTickets(capacity));
    }
}
