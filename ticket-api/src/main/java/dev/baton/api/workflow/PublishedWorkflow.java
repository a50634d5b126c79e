package dev.baton.api.workflow;

import java.time.Instant;

/**
 * An immutable, numbered version of a workflow: what the config topic carries and what a ticket stays on.
 * Its Kafka key is {@link #recordKey()}.
 */
public record PublishedWorkflow(String key, int version, Instant publishedAt, String publishedBy,
                                WorkflowDefinition definition) {
    public String recordKey() {
        return recordKey(key, version);
    }

    public static String recordKey(String workflowKey, int version) {
        return workflowKey + "@" + version;
    }
}
