package dev.baton.query.projection;

/**
 * Another transaction projected a ticket this one took for new (two consumers during a rebalance). Retrying sees
 * the other's result, so the events are then recognised as held or applied on top of it.
 */
public class ConcurrentProjectionException extends RuntimeException {
    public ConcurrentProjectionException(String ticketId) {
        super("Expected ticket " + ticketId + " to be new to the projection, but another consumer projected it meanwhile");
    }
}
