package dev.baton.config.admin;

/** How many records a republish enqueued, per topic. */
public record RepublishResult(int workflows, int directory, int apps) {
}
