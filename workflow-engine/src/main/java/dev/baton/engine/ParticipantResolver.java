package dev.baton.engine;

import dev.baton.api.directory.Department;
import dev.baton.api.directory.DirectoryUser;
import dev.baton.api.workflow.ParticipantKind;
import dev.baton.api.workflow.ParticipantRule;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
 *   <li>{@code FIELD}: the users the named {@code USER} or {@code MULTI_USER} field holds.</li>
 *   <li>{@code HANDLER_OF}: whoever handled the named state of this ticket last.</li>
 *   <li>The relative kinds work from a subject: the creator, or the field {@code of} names. Subject users are the
 *       creator or the users the field holds; subject departments are the departments of those users, or, for a
 *       text or choice field, the department ids it holds.
 *       {@code LEADER}: each subject user's direct leader (the leader of each of their departments; for the leader
 *       themself, the nearest different leader above). {@code SKIP_LEVEL_LEADER}: the direct leaders of those.
 *       {@code ANCESTOR_LEADER}: the leader of the department {@code level - 1} steps above each subject department
 *       (nobody where the tree is not that deep). {@code DEPARTMENT_LEADER}, {@code PARENT_DEPARTMENT_LEADER}:
 *       the leader of each subject department, or of its parent. {@code DEPARTMENT_APPROVERS}: the approvers of each
 *       subject department, or its leader where it has none.</li>
 * </ul>
 */
public final class ParticipantResolver {
    private ParticipantResolver() {
    }

    /**
     * What a rule may be relative to: the ticket's creator, its field values, who last handled each of its states
     * and, for a child ticket, its parent's field values.
     */
    public record Context(String creator, Map<String, Object> fields, Map<String, String> handlers,
                          Map<String, Object> parentFields) {
        public Context {
            fields = fields == null ? Map.of() : fields;
            handlers = handlers == null ? Map.of() : handlers;
            parentFields = parentFields == null ? Map.of() : parentFields;
        }

        public Context(String creator, Map<String, Object> fields, Map<String, String> handlers) {
            this(creator, fields, handlers, Map.of());
        }

        public static Context creator(String creator) {
            return new Context(creator, Map.of(), Map.of());
        }
    }

    /** The usernames the rule names, for a ticket created by {@code creator} (no fields, no history). */
    public static List<String> resolve(ParticipantRule rule, String creator, DirectoryView dir) {
        return resolve(rule, Context.creator(creator), dir);
    }

    /** The usernames the rule names for a ticket in {@code context}. */
    public static List<String> resolve(ParticipantRule rule, Context context, DirectoryView dir) {
        if (rule == null || rule.kind() == null) {
            return List.of();
        }
        String creator = context.creator();
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
            case DEPARTMENT_MEMBERS -> {
                Set<String> result = new TreeSet<>();
                for (String departmentId : rule.values()) {
                    addActive(result, dir.membersOf(departmentId));
                }
                yield List.copyOf(result);
            }
            case ROLE_IN_DEPARTMENT -> {
                if (rule.values().isEmpty()) {
                    yield List.of();
                }
                String role = rule.values().get(0);
                List<String> named = rule.values().subList(1, rule.values().size());
                Set<String> within = subtree(named.isEmpty() ? subjectDepartments(rule, context, dir) : named, dir);
                Set<String> result = new TreeSet<>();
                for (DirectoryUser holder : dir.withRole(role)) {
                    if (holder.active() && holder.departments().stream().anyMatch(within::contains)) {
                        result.add(holder.username());
                    }
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
            case FIELD -> active(rule.values().isEmpty() ? List.of()
                    : usernames(context.fields().get(rule.values().get(0))), dir);
            case HANDLER_OF -> active(rule.values().isEmpty() ? List.of()
                    : nullToEmpty(context.handlers().get(rule.values().get(0))), dir);
            case LEADER -> active(leadersOf(subjectUsers(rule, context), dir), dir);
            case SKIP_LEVEL_LEADER -> active(leadersOf(leadersOf(subjectUsers(rule, context), dir), dir), dir);
            case ANCESTOR_LEADER -> {
                Set<String> result = new TreeSet<>();
                int steps = rule.level() == null ? 0 : rule.level() - 1;
                for (String departmentId : subjectDepartments(rule, context, dir)) {
                    ancestor(departmentId, steps, dir).map(Department::leader).ifPresent(result::add);
                }
                yield active(result, dir);
            }
            // asked of its endpoint off the command path (ticket-command's resolver process), never here
            case EXTERNAL -> List.of();
            case DEPARTMENT_LEADER, PARENT_DEPARTMENT_LEADER, DEPARTMENT_APPROVERS -> {
                Set<String> result = new TreeSet<>();
                for (String departmentId : subjectDepartments(rule, context, dir)) {
                    Optional<Department> department = rule.kind() == ParticipantKind.PARENT_DEPARTMENT_LEADER
                            ? ancestor(departmentId, 1, dir) : dir.department(departmentId);
                    department.ifPresent(d -> result.addAll(rule.kind() == ParticipantKind.DEPARTMENT_APPROVERS
                            && !d.approvers().isEmpty() ? d.approvers() : nullToEmpty(d.leader())));
                }
                yield active(result, dir);
            }
        };
    }

    /** The creator, or the users the rule's subject field (of this ticket or of its parent) holds. */
    private static List<String> subjectUsers(ParticipantRule rule, Context context) {
        String field = rule.subjectField();
        String parentField = rule.parentSubjectField();
        if (parentField != null) {
            return usernames(context.parentFields().get(parentField));
        }
        return field == null ? nullToEmpty(context.creator()) : usernames(context.fields().get(field));
    }

    /**
     * The departments of the subject users, or the department ids a text or choice subject field holds (a value
     * that names a user counts as that user's departments).
     */
    private static List<String> subjectDepartments(ParticipantRule rule, Context context, DirectoryView dir) {
        Set<String> result = new LinkedHashSet<>();
        for (String name : subjectUsers(rule, context)) {
            Optional<DirectoryUser> user = dir.user(name);
            if (user.isPresent()) {
                result.addAll(user.get().departments());
            } else if ((rule.subjectField() != null || rule.parentSubjectField() != null)
                    && dir.department(name).isPresent()) {
                result.add(name);
            }
        }
        return List.copyOf(result);
    }

    /**
     * Each user's direct leader: for each of their departments, its leader, or for the leader themself the nearest
     * leader above who is someone else. Sorted, without duplicates.
     */
    private static List<String> leadersOf(Collection<String> users, DirectoryView dir) {
        Set<String> result = new TreeSet<>();
        for (String username : users) {
            for (String departmentId : dir.user(username).map(DirectoryUser::departments).orElse(List.of())) {
                Set<String> seen = new HashSet<>();
                Optional<Department> d = dir.department(departmentId);
                while (d.isPresent() && seen.add(d.get().id())) {
                    String leader = d.get().leader();
                    if (leader != null && !leader.equals(username)) {
                        result.add(leader);
                        break;
                    }
                    d = d.get().parentId() == null ? Optional.empty() : dir.department(d.get().parentId());
                }
            }
        }
        return List.copyOf(result);
    }

    /** The department {@code steps} levels above {@code departmentId} (0: itself), if the tree is that deep. */
    private static Optional<Department> ancestor(String departmentId, int steps, DirectoryView dir) {
        Optional<Department> d = dir.department(departmentId);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < steps && d.isPresent() && seen.add(d.get().id()); i++) {
            d = d.get().parentId() == null ? Optional.empty() : dir.department(d.get().parentId());
        }
        return d;
    }

    /** Usernames a USER (string) or MULTI_USER (list) field value holds; text and choice values alike. */
    private static List<String> usernames(Object value) {
        if (value instanceof String s) {
            return s.isBlank() ? List.of() : List.of(s);
        }
        if (value instanceof Collection<?> c) {
            return c.stream().filter(v -> v instanceof String s && !s.isBlank()).map(String.class::cast).toList();
        }
        return List.of();
    }

    private static List<String> nullToEmpty(String value) {
        return value == null ? List.of() : List.of(value);
    }

    /** The active users among {@code usernames}, each once, in the given order. */
    private static List<String> active(Collection<String> usernames, DirectoryView dir) {
        Set<String> result = new LinkedHashSet<>();
        for (String username : usernames) {
            if (isActive(dir.user(username))) {
                result.add(username);
            }
        }
        return List.copyOf(result);
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
