package dev.baton.config.directory;

import dev.baton.api.Topics;
import dev.baton.api.directory.Department;
import dev.baton.api.directory.DirectoryRecords;
import dev.baton.api.directory.DirectorySnapshot;
import dev.baton.api.directory.DirectoryUser;
import dev.baton.api.directory.Role;
import dev.baton.api.error.BatonException;
import dev.baton.api.error.ErrorCode;
import dev.baton.config.outbox.Outbox;
import dev.baton.config.outbox.OutboxRecord;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Syncs the whole directory from an HR system's snapshot ({@code PUT /directory}), and the demo loader's: every
 * record at once, guarded against deactivating most of the company by mistake. One record at a time is
 * {@link DirectoryService}.
 */
@Service
public class DirectorySync {
    /** How many of the users a refused mass deactivation would deactivate its problem names. */
    static final int NAMED_DEACTIVATIONS = 20;

    private final DirectoryRepository repository;
    private final Outbox outbox;
    private final TransactionTemplate tx;
    private final DirectoryProperties properties;

    public DirectorySync(DirectoryRepository repository, Outbox outbox, TransactionTemplate tx,
                         DirectoryProperties properties) {
        this.repository = repository;
        this.outbox = outbox;
        this.tx = tx;
        this.properties = properties;
    }

    /**
     * Makes the directory equal to the snapshot in one transaction: upserts every record in it, deactivates users
     * absent from it (they keep only memberships that still exist), deletes departments and roles absent from it.
     * The snapshot is checked whole first and refused with every problem. A sync that would deactivate more users
     * than {@link DirectoryProperties} allows is refused whole with 409 {@code mass-deactivation}, unless
     * {@code allowMassDeactivation}. Only records that change are published, so syncing the same snapshot again
     * changes and publishes nothing. Users the demo loader created and nothing has written since do not count towards
     * the guard: a demo installation's first real sync may replace them.
     */
    public SyncResult sync(DirectorySnapshot snapshot, boolean allowMassDeactivation) {
        return sync(snapshot, allowMassDeactivation, false);
    }

    /** The demo loader's sync: the users it writes are marked as demo users (see {@link #sync}). */
    public SyncResult syncDemo(DirectorySnapshot snapshot) {
        return sync(snapshot, false, true);
    }

    private SyncResult sync(DirectorySnapshot snapshot, boolean allowMassDeactivation, boolean demo) {
        List<String> problems = DirectoryChecks.snapshot(snapshot);
        if (!problems.isEmpty()) {
            throw new BatonException(ErrorCode.INVALID_DIRECTORY,
                    "Expected a consistent directory snapshot, but it has " + problems.size() + " problem(s)", problems);
        }
        return tx.execute(status -> {
            repository.lockAll();
            DirectorySnapshot current = repository.snapshot();
            if (!allowMassDeactivation) {
                assertNoMassDeactivation(current, snapshot, Set.copyOf(repository.demoUsers()));
            }
            List<OutboxRecord> records = new ArrayList<>();

            Map<String, Department> oldDepartments = byKey(current.departments(), Department::id);
            List<Department> departments = changed(snapshot.departments(), oldDepartments, Department::id);
            repository.upsertDepartments(departments);
            departments.forEach(d -> records.add(outbox.record(Topics.CONFIG_DIRECTORY,
                    DirectoryRecords.departmentKey(d.id()), d)));

            Map<String, Role> oldRoles = byKey(current.roles(), Role::id);
            List<Role> roles = changed(snapshot.roles(), oldRoles, Role::id);
            repository.upsertRoles(roles);
            roles.forEach(r -> records.add(outbox.record(Topics.CONFIG_DIRECTORY, DirectoryRecords.roleKey(r.id()), r)));

            Set<String> keptDepartments = snapshot.departments().stream().map(Department::id).collect(Collectors.toSet());
            Set<String> keptRoles = snapshot.roles().stream().map(Role::id).collect(Collectors.toSet());
            Map<String, DirectoryUser> oldUsers = byKey(current.users(), DirectoryUser::username);
            Set<String> listed = new HashSet<>();
            List<DirectoryUser> users = new ArrayList<>();
            int created = 0;
            int updated = 0;
            int deactivated = 0;
            int unchanged = 0;
            for (DirectoryUser listedUser : snapshot.users()) {
                listed.add(listedUser.username());
                DirectoryUser old = oldUsers.get(listedUser.username());
                // a feed that carries no channels or contacts keeps the ones the user has
                DirectoryUser user = old == null ? listedUser : new DirectoryUser(listedUser.username(),
                        listedUser.name(), listedUser.email(), listedUser.active(), listedUser.departments(),
                        listedUser.roles(), listedUser.channels().isEmpty() ? old.channels() : listedUser.channels(),
                        listedUser.contacts().isEmpty() ? old.contacts() : listedUser.contacts());
                if (old == null) {
                    created++;
                    users.add(user);
                } else if (!old.equals(user)) {
                    updated++;
                    users.add(user);
                } else {
                    unchanged++;
                }
            }
            for (DirectoryUser old : current.users()) {
                if (listed.contains(old.username())) {
                    continue;
                }
                DirectoryUser kept = DirectoryService.withMemberships(old, false,
                        old.departments().stream().filter(keptDepartments::contains).toList(),
                        old.roles().stream().filter(keptRoles::contains).toList());
                if (kept.equals(old)) {
                    unchanged++;
                } else {
                    if (old.active()) {
                        deactivated++;
                    } else {
                        updated++;
                    }
                    users.add(kept);
                }
            }
            repository.upsertUsers(users, demo);
            if (!demo) {
                repository.adoptUsers(listed);
            }
            users.forEach(u -> records.add(outbox.record(Topics.CONFIG_DIRECTORY,
                    DirectoryRecords.userKey(u.username()), u)));

            List<String> removedRoles = oldRoles.keySet().stream().filter(id -> !keptRoles.contains(id)).sorted().toList();
            repository.deleteRoles(removedRoles);
            removedRoles.forEach(id -> records.add(new OutboxRecord(Topics.CONFIG_DIRECTORY,
                    DirectoryRecords.roleKey(id), null)));
            List<String> removedDepartments = oldDepartments.keySet().stream()
                    .filter(id -> !keptDepartments.contains(id)).sorted().toList();
            repository.deleteDepartments(removedDepartments);
            removedDepartments.forEach(id -> records.add(new OutboxRecord(Topics.CONFIG_DIRECTORY,
                    DirectoryRecords.departmentKey(id), null)));

            outbox.enqueue(records);
            return new SyncResult(created, updated, deactivated, unchanged, departments.size(),
                    removedDepartments.size(), roles.size(), removedRoles.size());
        });
    }

    /**
     * Refuses a sync that would leave inactive (absent from the snapshot, or listed as inactive) more of the active
     * users than the properties allow without confirmation. Demo users count neither as active nor as leaving.
     */
    private void assertNoMassDeactivation(DirectorySnapshot current, DirectorySnapshot snapshot, Set<String> demo) {
        Map<String, DirectoryUser> listed = byKey(snapshot.users(), DirectoryUser::username);
        List<DirectoryUser> active = current.users().stream()
                .filter(u -> u.active() && !demo.contains(u.username())).toList();
        List<String> leaving = active.stream().map(DirectoryUser::username)
                .filter(u -> listed.get(u) == null || !listed.get(u).active()).sorted().toList();
        if (!properties.needsConfirmation(leaving.size(), active.size())) {
            return;
        }
        List<String> named = new ArrayList<>(leaving.stream().limit(NAMED_DEACTIVATIONS)
                .map(u -> "User '" + u + "' would be deactivated").toList());
        if (leaving.size() > NAMED_DEACTIVATIONS) {
            named.add("… and " + (leaving.size() - NAMED_DEACTIVATIONS) + " more");
        }
        throw new BatonException(ErrorCode.MASS_DEACTIVATION, "Expected a sync to deactivate at most "
                + percent(properties.maxDeactivationShare()) + " of the " + active.size() + " active users (or at most "
                + properties.deactivationsAlwaysAllowed() + "), but it would deactivate " + leaving.size() + " of "
                + active.size() + "; nothing was changed. If that is meant, sync again with allowMassDeactivation=true",
                named);
    }

    private static String percent(double share) {
        return java.math.BigDecimal.valueOf(share).movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    }

    private static <T> Map<String, T> byKey(List<T> values, Function<T, String> key) {
        return values.stream().collect(Collectors.toMap(key, Function.identity()));
    }

    private static <T> List<T> changed(List<T> wanted, Map<String, T> old, Function<T, String> key) {
        return wanted.stream().filter(v -> !v.equals(old.get(key.apply(v)))).toList();
    }
}
