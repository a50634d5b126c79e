package dev.baton.config.directory;

import dev.baton.api.Topics;
import dev.baton.api.directory.Department;
import dev.baton.api.directory.DirectoryRecords;
import dev.baton.api.directory.DirectorySnapshot;
import dev.baton.api.directory.DirectoryUser;
import dev.baton.api.directory.Role;
import dev.baton.api.error.BatonException;
import dev.baton.api.error.ErrorCode;
import dev.baton.config.Checks;
import dev.baton.config.Upserted;
import dev.baton.config.outbox.Outbox;
import dev.baton.config.outbox.OutboxRecord;
import dev.baton.engine.InMemoryDirectory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Keeps the directory: users, departments and roles, one record at a time or as a whole snapshot from an HR
 * system. References must resolve, the department tree has no cycles, and every change that alters a record is
 * published to {@link Topics#CONFIG_DIRECTORY} in the same transaction.
 */
@Service
public class DirectoryService {
    /** How many of the users a refused mass deactivation would deactivate its problem names. */
    static final int NAMED_DEACTIVATIONS = 20;

    private final DirectoryRepository repository;
    private final Outbox outbox;
    private final TransactionTemplate tx;
    private final DirectoryProperties properties;

    public DirectoryService(DirectoryRepository repository, Outbox outbox, TransactionTemplate tx,
                            DirectoryProperties properties) {
        this.repository = repository;
        this.outbox = outbox;
        this.tx = tx;
        this.properties = properties;
    }

    // users

    public Upserted<DirectoryUser> putUser(String username, UserInput input) {
        Checks.requireUsername("the username in the path", username);
        Checks checks = new Checks().check(input.username() == null || input.username().equals(username),
                "Expected the body's username to be '" + username + "' or absent, but got '" + input.username() + "'");
        input.checkEntries(checks, "the user's").orRefuse();
        DirectoryUser checked = input.toUser(username);
        DirectoryChecks.user(checks, "the user's", checked);
        checks.orRefuse();
        return tx.execute(status -> {
            Checks references = new Checks();
            List<String> departments = repository.existingDepartmentsLocked(checked.departments());
            checked.departments().stream().filter(d -> !departments.contains(d)).forEach(d ->
                    references.add("Expected existing departments, but '" + d + "' is unknown"));
            List<String> roles = repository.existingRolesLocked(checked.roles());
            checked.roles().stream().filter(r -> !roles.contains(r)).forEach(r ->
                    references.add("Expected existing roles, but '" + r + "' is unknown"));
            references.orRefuse();
            Optional<DirectoryUser> old = repository.userForUpdate(username);
            DirectoryUser user = input.toUser(username, old.orElse(null));
            if (old.isPresent() && old.get().equals(user)) {
                repository.adoptUsers(List.of(username));
                return new Upserted<>(user, false);
            }
            repository.upsertUsers(List.of(user));
            outbox.put(Topics.CONFIG_DIRECTORY, DirectoryRecords.userKey(username), user);
            return new Upserted<>(user, old.isEmpty());
        });
    }

    public DirectoryUser user(String username) {
        Checks.requireUsername("the username", username);
        return repository.user(username).orElseThrow(() -> unknownUser(username));
    }

    /** Users filtered by direct department, role and active flag; a null or blank filter matches everyone. */
    public List<DirectoryUser> users(String department, String role, Boolean active) {
        department = department == null || department.isBlank() ? null : department;
        role = role == null || role.isBlank() ? null : role;
        Checks checks = new Checks();
        if (department != null) {
            checks.id("the department filter", department);
        }
        if (role != null) {
            checks.id("the role filter", role);
        }
        checks.orRefuse();
        return repository.users(department, role, active);
    }

    /** Deactivates a user (users are never deleted: tickets keep naming them). */
    public DirectoryUser deactivateUser(String username) {
        Checks.requireUsername("the username", username);
        return tx.execute(status -> {
            DirectoryUser old = repository.userForUpdate(username).orElseThrow(() -> unknownUser(username));
            if (!old.active()) {
                return old;
            }
            DirectoryUser inactive = withActive(old, false);
            repository.upsertUsers(List.of(inactive));
            outbox.put(Topics.CONFIG_DIRECTORY, DirectoryRecords.userKey(username), inactive);
            return inactive;
        });
    }

    // departments

    public Upserted<Department> putDepartment(String id, DepartmentInput input) {
        Checks.requireId("the department id in the path", id);
        Checks checks = new Checks().check(input.id() == null || input.id().equals(id),
                "Expected the body's id to be '" + id + "' or absent, but got '" + input.id() + "'");
        input.checkEntries(checks, "the department's").orRefuse();
        Department department = input.toDepartment(id);
        DirectoryChecks.department(checks, "the department's", department);
        checks.orRefuse();
        return tx.execute(status -> {
            repository.lockDepartments();
            Map<String, Department> all = repository.departments().stream()
                    .collect(Collectors.toMap(Department::id, Function.identity()));
            Checks references = new Checks();
            if (department.parentId() != null) {
                if (!all.containsKey(department.parentId())) {
                    references.add("Expected an existing parent department, but '" + department.parentId()
                            + "' is unknown");
                } else {
                    Map<String, String> parents = new HashMap<>();
                    all.values().stream().filter(d -> d.parentId() != null)
                            .forEach(d -> parents.put(d.id(), d.parentId()));
                    parents.put(id, department.parentId());
                    DirectoryChecks.cycles(parents).stream().filter(c -> c.contains(id)).findFirst().ifPresent(c ->
                            references.add("Expected a department tree, but parent '" + department.parentId()
                                    + "' would make the cycle " + String.join(" -> ", c)));
                }
            }
            Set<String> people = new LinkedHashSet<>(department.approvers());
            if (department.leader() != null) {
                people.add(department.leader());
            }
            List<String> known = repository.existingUsers(people);
            people.stream().filter(p -> !known.contains(p)).forEach(p ->
                    references.add("Expected leader and approvers to be users, but '" + p + "' is unknown"));
            references.orRefuse();
            Department old = all.get(id);
            if (department.equals(old)) {
                return new Upserted<>(department, false);
            }
            repository.upsertDepartments(List.of(department));
            outbox.put(Topics.CONFIG_DIRECTORY, DirectoryRecords.departmentKey(id), department);
            return new Upserted<>(department, old == null);
        });
    }

    public Department department(String id) {
        Checks.requireId("the department id", id);
        return repository.department(id).orElseThrow(() -> notFound("department", id));
    }

    public List<Department> departments() {
        return repository.departments();
    }

    /**
     * Deletes a department that has no sub-departments and no active members; inactive former members stop listing
     * it.
     */
    public void deleteDepartment(String id) {
        Checks.requireId("the department id", id);
        tx.executeWithoutResult(status -> {
            repository.lockDepartments();
            repository.departmentForUpdate(id).orElseThrow(() -> notFound("department", id));
            List<String> children = repository.childrenOf(id);
            List<DirectoryUser> members = repository.membersOfDepartmentForUpdate(id);
            List<String> active = members.stream().filter(DirectoryUser::active).map(DirectoryUser::username).toList();
            List<String> problems = new ArrayList<>();
            children.forEach(c -> problems.add("Department '" + c + "' has it as parent"));
            active.forEach(u -> problems.add("Active user '" + u + "' is a member"));
            if (!problems.isEmpty()) {
                throw new BatonException(ErrorCode.IN_USE, "Expected department '" + id
                        + "' to have no sub-departments and no active members, but it has " + children.size()
                        + " and " + active.size(), problems);
            }
            List<DirectoryUser> stripped = members.stream()
                    .map(u -> withMemberships(u, u.active(), without(u.departments(), id), u.roles())).toList();
            saveUsers(stripped);
            repository.deleteDepartments(List.of(id));
            outbox.remove(Topics.CONFIG_DIRECTORY, DirectoryRecords.departmentKey(id));
        });
    }

    // roles

    public Upserted<Role> putRole(String id, Role input) {
        Checks.requireId("the role id in the path", id);
        Checks checks = new Checks().check(input.id() == null || input.id().equals(id),
                "Expected the body's id to be '" + id + "' or absent, but got '" + input.id() + "'");
        Role role = new Role(id, input.name());
        DirectoryChecks.role(checks, "the role's", role);
        checks.orRefuse();
        return tx.execute(status -> {
            Optional<Role> old = repository.roleForUpdate(id);
            if (old.isPresent() && old.get().equals(role)) {
                return new Upserted<>(role, false);
            }
            repository.upsertRoles(List.of(role));
            outbox.put(Topics.CONFIG_DIRECTORY, DirectoryRecords.roleKey(id), role);
            return new Upserted<>(role, old.isEmpty());
        });
    }

    public Role role(String id) {
        Checks.requireId("the role id", id);
        return repository.role(id).orElseThrow(() -> notFound("role", id));
    }

    public List<Role> roles() {
        return repository.roles();
    }

    /** Deletes a role no active user holds; inactive former holders stop listing it. */
    public void deleteRole(String id) {
        Checks.requireId("the role id", id);
        tx.executeWithoutResult(status -> {
            repository.roleForUpdate(id).orElseThrow(() -> notFound("role", id));
            List<DirectoryUser> holders = repository.holdersOfRoleForUpdate(id);
            List<String> active = holders.stream().filter(DirectoryUser::active).map(DirectoryUser::username).toList();
            if (!active.isEmpty()) {
                throw new BatonException(ErrorCode.IN_USE, "Expected role '" + id
                        + "' to have no active holders, but it has " + active.size(),
                        active.stream().map(u -> "Active user '" + u + "' holds it").toList());
            }
            saveUsers(holders.stream()
                    .map(u -> withMemberships(u, u.active(), u.departments(), without(u.roles(), id))).toList());
            repository.deleteRoles(List.of(id));
            outbox.remove(Topics.CONFIG_DIRECTORY, DirectoryRecords.roleKey(id));
        });
    }

    // whole directory

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
                DirectoryUser kept = withMemberships(old, false,
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

    /** The whole directory, as the definition validator sees it. */
    public InMemoryDirectory view() {
        return InMemoryDirectory.of(repository.snapshot());
    }

    /** Every directory record as its topic record, for a republish (callers hold {@link #lockAll()}). */
    public List<OutboxRecord> currentRecords() {
        DirectorySnapshot all = repository.snapshot();
        List<OutboxRecord> records = new ArrayList<>();
        all.departments().forEach(d -> records.add(outbox.record(Topics.CONFIG_DIRECTORY,
                DirectoryRecords.departmentKey(d.id()), d)));
        all.roles().forEach(r -> records.add(outbox.record(Topics.CONFIG_DIRECTORY, DirectoryRecords.roleKey(r.id()), r)));
        all.users().forEach(u -> records.add(outbox.record(Topics.CONFIG_DIRECTORY,
                DirectoryRecords.userKey(u.username()), u)));
        return records;
    }

    /** Blocks other directory writers until the current transaction ends. */
    public void lockAll() {
        repository.lockAll();
    }

    private void saveUsers(List<DirectoryUser> users) {
        repository.upsertUsers(users);
        outbox.enqueue(users.stream().map(u -> outbox.record(Topics.CONFIG_DIRECTORY,
                DirectoryRecords.userKey(u.username()), u)).toList());
    }

    private static <T> Map<String, T> byKey(List<T> values, Function<T, String> key) {
        return values.stream().collect(Collectors.toMap(key, Function.identity()));
    }

    private static <T> List<T> changed(List<T> wanted, Map<String, T> old, Function<T, String> key) {
        return wanted.stream().filter(v -> !v.equals(old.get(key.apply(v)))).toList();
    }

    private static List<String> without(List<String> values, String removed) {
        return values.stream().filter(v -> !v.equals(removed)).toList();
    }

    private static DirectoryUser withActive(DirectoryUser u, boolean active) {
        return withMemberships(u, active, u.departments(), u.roles());
    }

    /** The user with another active flag and memberships, keeping everything else (channels and contacts too). */
    private static DirectoryUser withMemberships(DirectoryUser u, boolean active, List<String> departments,
                                                 List<String> roles) {
        return new DirectoryUser(u.username(), u.name(), u.email(), active, departments, roles, u.channels(),
                u.contacts());
    }

    private static BatonException unknownUser(String username) {
        return new BatonException(ErrorCode.USER_NOT_FOUND, "Expected a user '" + username + "', but there is none");
    }

    private static BatonException notFound(String what, String id) {
        return new BatonException(ErrorCode.NOT_FOUND, "Expected a " + what + " '" + id + "', but there is none");
    }
}
