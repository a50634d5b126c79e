package dev.baton.config.directory;

/**
 * What a bulk sync changed. Users not in the snapshot are deactivated; users it left as they were, in the snapshot
 * or already inactive outside it, are unchanged. Only changed records are published.
 */
public record SyncResult(int usersCreated, int usersUpdated, int usersDeactivated, int usersUnchanged,
                         int departmentsUpserted, int departmentsRemoved, int rolesUpserted, int rolesRemoved) {

    public int changes() {
        return usersCreated + usersUpdated + usersDeactivated + departmentsUpserted + departmentsRemoved
                + rolesUpserted + rolesRemoved;
    }
}
