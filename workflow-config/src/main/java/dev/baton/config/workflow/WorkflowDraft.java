package dev.baton.config.workflow;

import dev.baton.api.workflow.WorkflowDefinition;

import java.time.Instant;

/** The working copy of a workflow: what {@code PUT /workflows/{key}/draft} saved, by whom and when. */
public record WorkflowDraft(String key, WorkflowDefinition definition, Instant updatedAt, String updatedBy) {
}
