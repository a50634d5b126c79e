package dev.baton.config.workflow;

import java.time.Instant;

/** One published version of a workflow, without its definition. */
public record VersionInfo(int version, Instant publishedAt, String publishedBy) {
}
