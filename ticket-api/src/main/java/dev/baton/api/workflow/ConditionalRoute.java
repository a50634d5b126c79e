package dev.baton.api.workflow;

/**
 * A routing rule of a transition: when {@code condition} (an expression over field values, e.g. {@code days > 3})
 * holds, the transition goes to {@code to}. Routes are tried in order; the first that holds wins.
 */
public record ConditionalRoute(String condition, String to) {
}
