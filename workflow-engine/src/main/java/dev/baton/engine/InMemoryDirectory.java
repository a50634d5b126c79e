package dev.baton.engine;

import dev.baton.api.directory.Delegation;
import dev.baton.api.directory.Department;
import dev.baton.api.directory.DirectorySnapshot;
import dev.baton.api.directory.DirectoryUser;
import dev.baton.api.directory.Role;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * A thread-safe, in-memory {@link DirectoryView} fed one record at a time (e.g. from the directory topic).
 * Records may arrive in any order: a user may name a department or role that is not known yet, and a department
 * may name a parent that is not known yet; the indexes are keyed by id, so they fit together once both arrive.
 * Writers are serialised; readers never block and always see whole records.
 */
public class InMemoryDirectory implements DirectoryView {
    private final Map<String, DirectoryUser> users = new ConcurrentHashMap<>();
    private final Map<String, Department> departments = new ConcurrentHashMap<>();
    private final Map<String, Role> roles = new ConcurrentHashMap<>();
    /** department id -> usernames listing it. */
    private final Map<String, Set<String>> departmentMembers = new ConcurrentHashMap<>();
    /** role id -> usernames listing it. */
    private final Map<String, Set<String>> roleMembers = new ConcurrentHashMap<>();
    /** parent department id -> child department ids. */
    private final Map<String, Set<String>> children = new ConcurrentHashMap<>();
    /** delegator -> their delegations, by id. */
    private final Map<String, Map<String, Delegation>> delegations = new ConcurrentHashMap<>();
    private final Map<String, Delegation> delegationsById = new ConcurrentHashMap<>();

    /** A directory holding every record of the snapshot. */
    public static InMemoryDirectory of(DirectorySnapshot snapshot) {
        InMemoryDirectory directory = new InMemoryDirectory();
        snapshot.departments().forEach(directory::putDepartment);
        snapshot.roles().forEach(directory::putRole);
        snapshot.users().forEach(directory::putUser);
        return directory;
    }

    /** Every record, departments and roles ordered by id, users by username. */
    public DirectorySnapshot snapshot() {
        return new DirectorySnapshot(
                departments.values().stream().sorted(Comparator.comparing(Department::id)).toList(),
                roles.values().stream().sorted(Comparator.comparing(Role::id)).toList(),
                users.values().stream().sorted(Comparator.comparing(DirectoryUser::username)).toList());
    }

    /** Adds or replaces a user. */
    public synchronized void putUser(DirectoryUser user) {
        Objects.requireNonNull(user.username(), "username");
        DirectoryUser old = users.put(user.username(), user);
        if (old != null) {
            unindex(departmentMembers, old.departments(), old.username());
            unindex(roleMembers, old.roles(), old.username());
        }
        index(departmentMembers, user.departments(), user.username());
        index(roleMembers, user.roles(), user.username());
    }

    /** Forgets a user (the directory topic normally deactivates instead). */
    public synchronized void removeUser(String username) {
        DirectoryUser old = users.remove(username);
        if (old != null) {
            unindex(departmentMembers, old.departments(), old.username());
            unindex(roleMembers, old.roles(), old.username());
        }
    }

    /** Adds or replaces a department. */
    public synchronized void putDepartment(Department department) {
        Objects.requireNonNull(department.id(), "department id");
        Department old = departments.put(department.id(), department);
        if (old != null && old.parentId() != null) {
            unindex(children, List.of(old.parentId()), old.id());
        }
        if (department.parentId() != null) {
            index(children, List.of(department.parentId()), department.id());
        }
    }

    /** Removes a department; its members keep naming it until they are updated. */
    public synchronized void removeDepartment(String id) {
        Department old = departments.remove(id);
        if (old != null && old.parentId() != null) {
            unindex(children, List.of(old.parentId()), old.id());
        }
    }

    /** Adds or replaces a role. */
    public synchronized void putRole(Role role) {
        Objects.requireNonNull(role.id(), "role id");
        roles.put(role.id(), role);
    }

    /** Removes a role. */
    public synchronized void removeRole(String id) {
        roles.remove(id);
    }

    /** Adds or replaces a delegation. */
    public synchronized void putDelegation(Delegation delegation) {
        Objects.requireNonNull(delegation.id(), "delegation id");
        removeDelegation(delegation.id());
        delegationsById.put(delegation.id(), delegation);
        delegations.computeIfAbsent(delegation.delegator(), k -> new ConcurrentHashMap<>())
                .put(delegation.id(), delegation);
    }

    /** Forgets a delegation (cancelled or expired). */
    public synchronized void removeDelegation(String id) {
        Delegation old = delegationsById.remove(id);
        if (old != null) {
            delegations.computeIfPresent(old.delegator(), (k, byId) -> {
                byId.remove(id);
                return byId.isEmpty() ? null : byId;
            });
        }
    }

    @Override
    public Optional<String> delegateOf(String username, String workflowKey, Instant at) {
        if (username == null) {
            return Optional.empty();
        }
        return delegations.getOrDefault(username, Map.of()).values().stream()
                .filter(d -> d.covers(workflowKey, at))
                .filter(d -> user(d.delegate()).filter(DirectoryUser::active).isPresent())
                .min(Comparator.comparing(Delegation::from).thenComparing(Delegation::id))
                .map(Delegation::delegate);
    }

    @Override
    public Optional<DirectoryUser> user(String username) {
        return username == null ? Optional.empty() : Optional.ofNullable(users.get(username));
    }

    @Override
    public Optional<Department> department(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(departments.get(id));
    }

    @Override
    public List<Department> childrenOf(String departmentId) {
        if (departmentId == null) {
            return List.of();
        }
        return children.getOrDefault(departmentId, Set.of()).stream()
                .map(departments::get)
                .filter(d -> d != null && departmentId.equals(d.parentId()))
                .sorted(Comparator.comparing(Department::id))
                .toList();
    }

    @Override
    public List<DirectoryUser> membersOf(String departmentId) {
        return lookUp(departmentMembers, departmentId, u -> u.departments().contains(departmentId));
    }

    @Override
    public List<DirectoryUser> withRole(String roleId) {
        return lookUp(roleMembers, roleId, u -> u.roles().contains(roleId));
    }

    @Override
    public boolean hasRole(String roleId) {
        return roleId != null && roles.containsKey(roleId);
    }

    /** Reads an index, re-checking each record so a reader racing a writer never sees a stale membership. */
    private List<DirectoryUser> lookUp(Map<String, Set<String>> index, String id, Predicate<DirectoryUser> holds) {
        if (id == null) {
            return List.of();
        }
        return index.getOrDefault(id, Set.of()).stream()
                .map(users::get)
                .filter(u -> u != null && holds.test(u))
                .sorted(Comparator.comparing(DirectoryUser::username))
                .toList();
    }

    private static void index(Map<String, Set<String>> index, Collection<String> ids, String member) {
        for (String id : ids) {
            if (id != null) {
                index.computeIfAbsent(id, k -> ConcurrentHashMap.newKeySet()).add(member);
            }
        }
    }

    private static void unindex(Map<String, Set<String>> index, Collection<String> ids, String member) {
        for (String id : ids) {
            if (id != null) {
                index.computeIfPresent(id, (k, members) -> {
                    members.remove(member);
                    return members.isEmpty() ? null : members;
                });
            }
        }
    }
}
