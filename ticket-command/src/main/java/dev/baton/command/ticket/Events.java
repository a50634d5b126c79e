package dev.baton.command.ticket;

/**
 * Where a chained decision puts its events: the aggregate passes Axon's {@code AggregateLifecycle.apply}, which
 * evolves the state at once, so the decision's next step reads the state the previous one left (ADR 0020).
 */
@FunctionalInterface
public interface Events {
    void apply(Object event);
}
