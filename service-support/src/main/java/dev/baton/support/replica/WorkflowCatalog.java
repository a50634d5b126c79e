package dev.baton.support.replica;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.api.error.BatonException;
import dev.baton.api.error.ErrorCode;
import dev.baton.api.workflow.PublishedWorkflow;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Supplier;

/** The published workflow versions this service knows, fed by the workflows topic. */
public class WorkflowCatalog {
    private final Map<String, NavigableMap<Integer, PublishedWorkflow>> byKey = new ConcurrentHashMap<>();
    private final ObjectMapper json;
    private final Duration catchUpTimeout;
    private volatile CompactedTopicReplica replica;

    public WorkflowCatalog(ObjectMapper json, Duration catchUpTimeout) {
        this.json = json;
        this.catchUpTimeout = catchUpTimeout;
    }

    void attach(CompactedTopicReplica replica) {
        this.replica = replica;
    }

    /** Applies one record of the workflows topic; a null value removes that version. */
    public void apply(String recordKey, String value) {
        int at = recordKey.lastIndexOf('@');
        if (at <= 0) {
            return;
        }
        String key = recordKey.substring(0, at);
        int version = Integer.parseInt(recordKey.substring(at + 1));
        if (value == null) {
            byKey.computeIfPresent(key, (k, versions) -> {
                versions.remove(version);
                return versions.isEmpty() ? null : versions;
            });
            return;
        }
        try {
            PublishedWorkflow published = json.readValue(value, PublishedWorkflow.class);
            put(published);
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void put(PublishedWorkflow published) {
        byKey.computeIfAbsent(published.key(), k -> new ConcurrentSkipListMap<>()).put(published.version(), published);
    }

    public Optional<PublishedWorkflow> latest(String key) {
        NavigableMap<Integer, PublishedWorkflow> versions = byKey.get(key);
        return versions == null || versions.isEmpty() ? Optional.empty() : Optional.of(versions.lastEntry().getValue());
    }

    public Optional<PublishedWorkflow> version(String key, int version) {
        NavigableMap<Integer, PublishedWorkflow> versions = byKey.get(key);
        return versions == null ? Optional.empty() : Optional.ofNullable(versions.get(version));
    }

    /** The latest version of every workflow; right after start-up, once the replica has read the topic (bounded). */
    public List<PublishedWorkflow> latestOfEach() {
        CompactedTopicReplica r = replica;
        if (r != null && !r.initialised()) {
            r.catchUp(catchUpTimeout);
        }
        return byKey.values().stream().filter(v -> !v.isEmpty()).map(v -> v.lastEntry().getValue()).toList();
    }

    /** The latest version, waiting briefly for the replica when the workflow is not known yet. */
    public PublishedWorkflow requireLatest(String key) {
        return require(() -> latest(key), "Expected a published workflow '" + key + "', but none is known");
    }

    public PublishedWorkflow requireVersion(String key, int version) {
        return require(() -> version(key, version),
                "Expected version " + version + " of workflow '" + key + "', but it is not known");
    }

    private PublishedWorkflow require(Supplier<Optional<PublishedWorkflow>> lookup, String missing) {
        Optional<PublishedWorkflow> found = lookup.get();
        if (found.isEmpty() && replica != null && replica.catchUp(catchUpTimeout)) {
            found = lookup.get();
        }
        return found.orElseThrow(() -> new BatonException(ErrorCode.WORKFLOW_NOT_FOUND, missing));
    }
}
