package dev.baton.support.replica;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.api.directory.Delegation;
import dev.baton.api.directory.Department;
import dev.baton.api.directory.DirectoryRecords;
import dev.baton.api.directory.DirectoryUser;
import dev.baton.api.directory.Role;
import dev.baton.engine.InMemoryDirectory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

/** The directory (users, departments, roles, delegations) as this service knows it, fed by the directory topic. */
public class DirectoryReplica {
    private final InMemoryDirectory directory = new InMemoryDirectory();
    private final ObjectMapper json;
    private final Duration catchUpTimeout;
    private volatile CompactedTopicReplica replica;

    public DirectoryReplica(ObjectMapper json, Duration catchUpTimeout) {
        this.json = json;
        this.catchUpTimeout = catchUpTimeout;
    }

    void attach(CompactedTopicReplica replica) {
        this.replica = replica;
    }

    public InMemoryDirectory view() {
        return directory;
    }

    /** Waits until the directory holds every change published so far (bounded); false on time-out. */
    public boolean catchUp() {
        return replica == null || replica.catchUp(catchUpTimeout);
    }

    public void apply(String key, String value) {
        try {
            if (key.startsWith(DirectoryRecords.USER)) {
                String id = key.substring(DirectoryRecords.USER.length());
                if (value == null) {
                    directory.removeUser(id);
                } else {
                    directory.putUser(json.readValue(value, DirectoryUser.class));
                }
            } else if (key.startsWith(DirectoryRecords.DEPARTMENT)) {
                String id = key.substring(DirectoryRecords.DEPARTMENT.length());
                if (value == null) {
                    directory.removeDepartment(id);
                } else {
                    directory.putDepartment(json.readValue(value, Department.class));
                }
            } else if (key.startsWith(DirectoryRecords.ROLE)) {
                String id = key.substring(DirectoryRecords.ROLE.length());
                if (value == null) {
                    directory.removeRole(id);
                } else {
                    directory.putRole(json.readValue(value, Role.class));
                }
            } else if (key.startsWith(DirectoryRecords.DELEGATION)) {
                String id = key.substring(DirectoryRecords.DELEGATION.length());
                if (value == null) {
                    directory.removeDelegation(id);
                } else {
                    directory.putDelegation(json.readValue(value, Delegation.class));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
