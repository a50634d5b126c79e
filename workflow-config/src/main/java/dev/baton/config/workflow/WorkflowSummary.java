package dev.baton.config.workflow;

import java.time.Instant;

/**
 * One row of {@code GET /workflows}.
 *
 * @param name          the latest published version's name, else the draft's
 * @param latestVersion null while the workflow was never published
 * @param hasDraft      whether there is a draft (unpublished changes)
 * @param publishedAt   when the latest version was published; null while never published
 */
public record WorkflowSummary(String key, String name, Integer latestVersion, boolean hasDraft, Instant publishedAt) {
}
