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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Keeps the directory: users, departments and roles, one record at a time (a whole snapshot from an HR system is
 * {@link DirectorySync}). References must resolve, the department tree has no cycles, and every change that alters a record is
 * published to {@link Topics#CONFIG_DIRECTORY} in the same transaction.
 */
@Service
public class DirectoryService {
    private final DirectoryRepository repository;
    private final Outbox outbox;
    private final TransactionTemplate tx;

    public DirectoryService(DirectoryRepository repository, Outbox outbox, TransactionTemplate tx) {
        this.repository = repository;
        this.outbox = outbox;
        this.tx = tx;
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

    private static List<String> without(List<String> values, String removed) {
        return values.stream().filter(v -> !v.equals(removed)).toList();
    }

    private static DirectoryUser withActive(DirectoryUser u, boolean active) {
        return withMemberships(u, active, u.departments(), u.roles());
    }

    /** The user with another active flag and memberships, keeping everything else (channels and contacts too). */
    static DirectoryUser withMemberships(DirectoryUser u, boolean active, List<String> departments,
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
