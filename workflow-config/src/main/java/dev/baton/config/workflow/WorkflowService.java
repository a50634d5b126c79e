package dev.baton.config.workflow;

import dev.baton.api.Topics;
import dev.baton.api.app.CallerApp;
import dev.baton.api.error.BatonException;
import dev.baton.api.error.ErrorCode;
import dev.baton.api.workflow.PublishedWorkflow;
import dev.baton.api.workflow.WorkflowDefinition;
import dev.baton.config.Checks;
import dev.baton.config.Upserted;
import dev.baton.config.directory.DirectoryService;
import dev.baton.config.outbox.Outbox;
import dev.baton.config.outbox.OutboxRecord;
import dev.baton.engine.DefinitionValidator;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Workflow drafts and their published versions. Publishing validates the draft against the current directory,
 * freezes it as the next version number, publishes it to {@link Topics#CONFIG_WORKFLOWS} and consumes the draft
 * (so {@code hasDraft} means unpublished changes). Published versions never change.
 */
@Service
public class WorkflowService {
    private final WorkflowRepository repository;
    private final DirectoryService directory;
    private final Outbox outbox;
    private final TransactionTemplate tx;
    private final Clock clock;

    public WorkflowService(WorkflowRepository repository, DirectoryService directory, Outbox outbox,
                           TransactionTemplate tx, Clock clock) {
        this.repository = repository;
        this.directory = directory;
        this.outbox = outbox;
        this.tx = tx;
        this.clock = clock;
    }

    /** Saves a draft; only its key is checked (it must be the path's key). */
    public Upserted<WorkflowDraft> saveDraft(String key, WorkflowDefinition definition, String user) {
        Checks.requireId("the workflow key in the path", key);
        new Checks().check(key.equals(definition.key()), "Expected the definition's key to be '" + key
                + "', but got '" + definition.key() + "'").orRefuse();
        Instant now = now();
        boolean created = tx.execute(status -> repository.saveDraft(definition, now, user));
        return new Upserted<>(new WorkflowDraft(key, definition, now, user), created);
    }

    public WorkflowDraft draft(String key) {
        Checks.requireId("the workflow key", key);
        return repository.draft(key).orElseThrow(() -> noDraft(key));
    }

    public void deleteDraft(String key) {
        Checks.requireId("the workflow key", key);
        if (!repository.deleteDraft(key)) {
            throw noDraft(key);
        }
    }

    /**
     * Publishes the draft as the next version. Refused with 422 and every problem when the definition is not valid;
     * then nothing is stored or published.
     */
    public PublishedWorkflow publish(String key, String user) {
        Checks.requireId("the workflow key", key);
        return tx.execute(status -> {
            repository.lock(key);
            WorkflowDraft draft = repository.draft(key).orElseThrow(() -> noDraft(key));
            return publishLocked(draft.definition(), user);
        });
    }

    /**
     * Imports an exported definition as the draft, and with {@code publish} publishes it at once. Either all of it
     * happens or nothing.
     *
     * @return the saved draft, or the published version
     */
    public Object importDefinition(WorkflowDefinition definition, boolean publish, String user) {
        String key = Checks.requireId("the definition's key", definition.key());
        if (!publish) {
            return saveDraft(key, definition, user).value();
        }
        return tx.execute(status -> {
            repository.lock(key);
            return publishLocked(definition, user);
        });
    }

    /** Publishes a definition unless some version of it is published already (the demo loader's idempotence). */
    public boolean publishIfNeverPublished(WorkflowDefinition definition, String user) {
        String key = Checks.requireId("the definition's key", definition.key());
        Boolean published = tx.execute(status -> {
            repository.lock(key);
            if (repository.latestVersion(key) > 0) {
                return false;
            }
            publishLocked(definition, user);
            return true;
        });
        return Boolean.TRUE.equals(published);
    }

    private PublishedWorkflow publishLocked(WorkflowDefinition definition, String user) {
        List<String> problems = DefinitionValidator.validate(definition, directory.view());
        if (!problems.isEmpty()) {
            throw new BatonException(ErrorCode.INVALID_DEFINITION, "Expected a valid definition of workflow '"
                    + definition.key() + "', but it has " + problems.size() + " problem(s)", problems);
        }
        String key = definition.key();
        PublishedWorkflow published = new PublishedWorkflow(key, repository.latestVersion(key) + 1, now(), user,
                definition);
        repository.insertVersion(published);
        repository.deleteDraft(key);
        outbox.put(Topics.CONFIG_WORKFLOWS, published.recordKey(), published);
        return published;
    }

    /** Every problem publishing the definition would report now, against the current directory. */
    public DefinitionCheck check(WorkflowDefinition definition) {
        return DefinitionCheck.of(DefinitionValidator.validate(definition, directory.view()));
    }

    /** The workflows the caller may see: every one for an admin, else the published ones it is granted. */
    public List<WorkflowSummary> list(CallerApp app) {
        return repository.summaries().stream()
                .filter(w -> app.admin() || (w.latestVersion() != null && app.mayUse(w.key())))
                .toList();
    }

    /** Whether some version of the workflow was published. */
    public boolean isPublished(String key) {
        return repository.latestVersion(key) > 0;
    }

    public List<VersionInfo> versions(String key) {
        Checks.requireId("the workflow key", key);
        List<VersionInfo> versions = repository.versions(key);
        if (versions.isEmpty()) {
            throw unknownWorkflow(key);
        }
        return versions;
    }

    public PublishedWorkflow version(String key, int version) {
        Checks.requireId("the workflow key", key);
        return repository.version(key, version).orElseThrow(() -> new BatonException(ErrorCode.NOT_FOUND,
                "Expected version " + version + " of workflow '" + key + "', but there is none"));
    }

    /** A published version ({@code null}: the latest); refused as unknown when none was published. */
    public PublishedWorkflow published(String key, String version) {
        Checks.requireId("the workflow key", key);
        int number = version == null || version.isBlank() ? repository.latestVersion(key) : parseVersion(version);
        if (number == 0) {
            throw new BatonException(ErrorCode.WORKFLOW_NOT_FOUND, "Expected a published workflow '" + key
                    + "', but there is none");
        }
        return version(key, number);
    }

    /**
     * The bare definition document of a version ({@code null} = the latest), or of the draft
     * ({@code "draft"}).
     */
    public WorkflowDefinition export(String key, String version) {
        Checks.requireId("the workflow key", key);
        if (version == null || version.isBlank()) {
            int latest = repository.latestVersion(key);
            if (latest == 0) {
                throw unknownWorkflow(key);
            }
            return version(key, latest).definition();
        }
        if (version.equals("draft")) {
            return draft(key).definition();
        }
        return version(key, parseVersion(version)).definition();
    }

    /** Every published version as its topic record, for a republish. */
    public List<OutboxRecord> currentRecords() {
        return repository.allVersions().stream()
                .map(p -> outbox.record(Topics.CONFIG_WORKFLOWS, p.recordKey(), p)).toList();
    }

    /** A version number from a path or query parameter. */
    public static int parseVersion(String version) {
        try {
            int parsed = Integer.parseInt(version);
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new BatonException(ErrorCode.INVALID_INPUT,
                "Expected a version number of 1 or more, or 'draft', but got '"
                        + version.substring(0, Math.min(version.length(), 20)) + "'");
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static BatonException noDraft(String key) {
        return new BatonException(ErrorCode.NOT_FOUND, "Expected a draft of workflow '" + key + "', but there is none");
    }

    private static BatonException unknownWorkflow(String key) {
        return new BatonException(ErrorCode.WORKFLOW_NOT_FOUND,
                "Expected a published workflow '" + key + "', but there is none");
    }
}
