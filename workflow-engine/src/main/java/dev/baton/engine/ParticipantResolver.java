package dev.baton.engine;

import dev.baton.api.directory.Department;
import dev.baton.api.directory.DirectoryUser;
import dev.baton.api.workflow.ParticipantRule;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns a state's {@link ParticipantRule} into the usernames that handle it. Results hold only active users, have
 * no duplicates and a stable order: {@code USER}/{@code USERS} keep the rule's order, every other kind is sorted by
 * username. An empty result is legal; the caller decides what it means (usually a rejection).
 * <ul>
 *   <li>{@code USER}, {@code USERS}: the named users that exist and are active.</li>
 *   <li>{@code DEPARTMENT}: active members of each department and of all its sub-departments, recursively
 *       (a cycle in the parent chain is visited once).</li>
 *   <li>{@code ROLE}: active users holding any of the roles.</li>
 *   <li>{@code CREATOR}: the creator, unless the directory knows them as inactive. A creator the directory does not
 *       know is returned: caller applications may assert users the directory has not synced.</li>
 *   <li>{@code CREATOR_DEPARTMENT_LEADER}: for each of the creator's departments, its approvers when it lists any,
 *       otherwise its leader; only active users (a department whose approvers are all inactive yields nobody; its
 *       leader is not a fallback, since approvers win).</li>
 * </ul>
 */
public final class ParticipantResolver {
    private ParticipantResolver() {
    }

    /** The usernames the rule names, for a ticket created by {@code creator}. */
    public static List<String> resolve(ParticipantRule rule, String creator, DirectoryView dir) {
        if (rule == null || rule.kind() == null) {
            return List.of();
        }
        return switch (rule.kind()) {
            case USER, USERS -> {
                Set<String> result = new LinkedHashSet<>();
                for (String username : rule.values()) {
                    if (isActive(dir.user(username))) {
                        result.add(username);
                    }
                }
                yield List.copyOf(result);
            }
            case DEPARTMENT -> {
                Set<String> result = new TreeSet<>();
                for (String departmentId : subtree(rule.values(), dir)) {
                    addActive(result, dir.membersOf(departmentId));
                }
                yield List.copyOf(result);
            }
            case ROLE -> {
                Set<String> result = new TreeSet<>();
                for (String roleId : rule.values()) {
                    addActive(result, dir.withRole(roleId));
                }
                yield List.copyOf(result);
            }
            case CREATOR -> {
                if (creator == null) {
                    yield List.of();
                }
                Optional<DirectoryUser> known = dir.user(creator);
                yield known.isEmpty() || known.get().active() ? List.of(creator) : List.of();
            }
            case CREATOR_DEPARTMENT_LEADER -> {
                Set<String> result = new TreeSet<>();
                List<String> creatorDepartments = dir.user(creator).map(DirectoryUser::departments).orElse(List.of());
                for (String departmentId : creatorDepartments) {
                    dir.department(departmentId).ifPresent(d -> {
                        List<String> deciders = d.approvers().isEmpty()
                                ? (d.leader() == null ? List.of() : List.of(d.leader()))
                                : d.approvers();
                        for (String username : deciders) {
                            if (isActive(dir.user(username))) {
                                result.add(username);
                            }
                        }
                    });
                }
                yield List.copyOf(result);
            }
        };
    }

    /** The given departments and all their descendants, each once, even if the tree has a cycle. */
    static Set<String> subtree(Collection<String> roots, DirectoryView dir) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        for (String root : roots) {
            if (root != null) {
                todo.add(root);
            }
        }
        while (!todo.isEmpty()) {
            String id = todo.poll();
            if (seen.add(id)) {
                for (Department child : dir.childrenOf(id)) {
                    if (!seen.contains(child.id())) {
                        todo.add(child.id());
                    }
                }
            }
        }
        return seen;
    }

    private static void addActive(Set<String> result, List<DirectoryUser> users) {
        for (DirectoryUser user : users) {
            if (user.active()) {
                result.add(user.username());
            }
        }
    }

    private static boolean isActive(Optional<DirectoryUser> user) {
        return user.isPresent() && user.get().active();
    }
}
