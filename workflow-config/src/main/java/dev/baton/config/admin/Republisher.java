package dev.baton.config.admin;

import dev.baton.config.app.AppService;
import dev.baton.config.delegation.DelegationService;
import dev.baton.config.directory.DirectoryService;
import dev.baton.config.outbox.Outbox;
import dev.baton.config.outbox.OutboxRecord;
import dev.baton.config.workflow.WorkflowService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;

/**
 * Re-enqueues the current state of everything (every published version, directory record, delegation and app), e.g. to
 * rebuild a lost topic. The directory and app tables are locked while it reads them, so a concurrent change can
 * never be overtaken by an older value.
 */
@Service
public class Republisher {
    private final WorkflowService workflows;
    private final DirectoryService directory;
    private final AppService apps;
    private final DelegationService delegations;
    private final Outbox outbox;
    private final TransactionTemplate tx;

    public Republisher(WorkflowService workflows, DirectoryService directory, AppService apps,
                       DelegationService delegations, Outbox outbox, TransactionTemplate tx) {
        this.workflows = workflows;
        this.directory = directory;
        this.apps = apps;
        this.delegations = delegations;
        this.outbox = outbox;
        this.tx = tx;
    }

    public RepublishResult republish() {
        return tx.execute(status -> {
            directory.lockAll();
            apps.lockAll();
            List<OutboxRecord> versions = workflows.currentRecords();
            List<OutboxRecord> records = new java.util.ArrayList<>(directory.currentRecords());
            records.addAll(delegations.currentRecords());
            List<OutboxRecord> callers = apps.currentRecords();
            outbox.enqueue(versions);
            outbox.enqueue(records);
            outbox.enqueue(callers);
            return new RepublishResult(versions.size(), records.size(), callers.size());
        });
    }
}
