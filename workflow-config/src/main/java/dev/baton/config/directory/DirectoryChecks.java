package dev.baton.config.directory;

import dev.baton.api.directory.Department;
import dev.baton.api.directory.DirectorySnapshot;
import dev.baton.api.directory.DirectoryUser;
import dev.baton.api.directory.Role;
import dev.baton.config.Checks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/** The shape checks of directory records, and the whole-snapshot check of a bulk sync. */
final class DirectoryChecks {
    /** Notification channel names, as the notification worker configures them. */
    static final Pattern CHANNEL = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    static final int MAX_CHANNELS = 10;
    /** A phone number: 5 to 20 digits, an optional leading +, single spaces or dashes between digits. */
    static final Pattern PHONE = Pattern.compile("\\+?[0-9](?:[ -]?[0-9]){4,19}");
    static final int MAX_CONTACT = 128;

    private DirectoryChecks() {
    }

    static void user(Checks checks, String where, DirectoryUser user) {
        checks.username(where + " username", user.username())
                .name(where + " name", user.name())
                .email(where + " email", user.email())
                .distinct(where + " departments", user.departments())
                .distinct(where + " roles", user.roles())
                .distinct(where + " channels", user.channels());
        user.departments().stream().filter(Objects::nonNull).forEach(d -> checks.id(where + " department", d));
        user.roles().stream().filter(Objects::nonNull).forEach(r -> checks.id(where + " role", r));
        channels(checks, where, user.channels());
        contacts(checks, where, user.contacts());
    }

    private static void channels(Checks checks, String where, List<String> channels) {
        checks.check(channels.size() <= MAX_CHANNELS, "Expected " + where + " channels to be at most " + MAX_CHANNELS
                + ", but got " + channels.size());
        channels.stream().filter(c -> c != null && !CHANNEL.matcher(c).matches()).forEach(c -> checks.add("Expected "
                + where + " channels to match " + CHANNEL.pattern() + ", but got '" + Checks.clip(c) + "'"));
    }

    private static void contacts(Checks checks, String where, Map<String, String> contacts) {
        contacts.keySet().stream().filter(k -> !DirectoryUser.CONTACT_KEYS.contains(k)).sorted().forEach(k ->
                checks.add("Expected " + where + " contacts to have keys among " + DirectoryUser.CONTACT_KEYS
                        + ", but got '" + Checks.clip(k) + "'"));
        for (String key : DirectoryUser.CONTACT_KEYS) {
            String value = contacts.get(key);
            String field = where + " contacts." + key;
            if (value == null) {
                continue;
            }
            if (value.isBlank()) {
                checks.add("Expected " + field + " to be set, but it is blank");
            } else if (value.length() > MAX_CONTACT) {
                checks.add("Expected " + field + " of at most " + MAX_CONTACT + " characters, but it has "
                        + value.length());
            } else if (key.equals("mobile") && !PHONE.matcher(value).matches()) {
                checks.add("Expected " + field + " to be a phone number (5 to 20 digits, an optional leading +,"
                        + " spaces or dashes between digits), but got '" + Checks.clip(value) + "'");
            }
        }
    }

    static void department(Checks checks, String where, Department department) {
        checks.id(where + " id", department.id()).name(where + " name", department.name());
        if (department.parentId() != null) {
            checks.id(where + " parentId", department.parentId());
            checks.check(!department.parentId().equals(department.id()),
                    "Expected " + where + " to have another department as parent, but it names itself");
        }
        if (department.leader() != null) {
            checks.username(where + " leader", department.leader());
        }
        checks.distinct(where + " approvers", department.approvers());
        department.approvers().stream().filter(Objects::nonNull).forEach(a -> checks.username(where + " approver", a));
    }

    static void role(Checks checks, String where, Role role) {
        checks.id(where + " id", role.id()).name(where + " name", role.name());
    }

    /** Every problem of a snapshot: record shapes, unique ids, references that do not resolve inside it, cycles. */
    static List<String> snapshot(DirectorySnapshot snapshot) {
        Checks checks = new Checks();
        Set<String> departmentIds = new HashSet<>();
        Set<String> roleIds = new HashSet<>();
        Set<String> usernames = new HashSet<>();
        for (Department d : snapshot.departments()) {
            department(checks, "department '" + d.id() + "'", d);
            checks.check(d.id() == null || departmentIds.add(d.id()),
                    "Department id '" + d.id() + "' is used more than once");
        }
        for (Role r : snapshot.roles()) {
            role(checks, "role '" + r.id() + "'", r);
            checks.check(r.id() == null || roleIds.add(r.id()), "Role id '" + r.id() + "' is used more than once");
        }
        for (DirectoryUser u : snapshot.users()) {
            user(checks, "user '" + u.username() + "'", u);
            checks.check(u.username() == null || usernames.add(u.username()),
                    "Username '" + u.username() + "' is used more than once");
        }
        for (Department d : snapshot.departments()) {
            if (d.parentId() != null && !departmentIds.contains(d.parentId())) {
                checks.add("Department '" + d.id() + "' names unknown parent department '" + d.parentId() + "'");
            }
            if (d.leader() != null && !usernames.contains(d.leader())) {
                checks.add("Department '" + d.id() + "' names unknown leader '" + d.leader() + "'");
            }
            d.approvers().stream().filter(a -> a != null && !usernames.contains(a)).forEach(a ->
                    checks.add("Department '" + d.id() + "' names unknown approver '" + a + "'"));
        }
        for (DirectoryUser u : snapshot.users()) {
            u.departments().stream().filter(d -> d != null && !departmentIds.contains(d)).forEach(d ->
                    checks.add("User '" + u.username() + "' names unknown department '" + d + "'"));
            u.roles().stream().filter(r -> r != null && !roleIds.contains(r)).forEach(r ->
                    checks.add("User '" + u.username() + "' names unknown role '" + r + "'"));
        }
        Map<String, String> parents = new HashMap<>();
        snapshot.departments().stream().filter(d -> d.id() != null && d.parentId() != null)
                .forEach(d -> parents.putIfAbsent(d.id(), d.parentId()));
        cycles(parents).forEach(cycle -> checks.add("Departments " + String.join(" -> ", cycle) + " form a cycle"));
        return checks.problems();
    }

    /** Each cycle of the child-to-parent map once, as the path that closes it (e.g. a -> b -> a). */
    static List<List<String>> cycles(Map<String, String> parents) {
        List<List<String>> cycles = new ArrayList<>();
        Set<String> done = new HashSet<>();
        for (String start : parents.keySet().stream().sorted().toList()) {
            LinkedHashSet<String> path = new LinkedHashSet<>();
            String current = start;
            while (current != null && !done.contains(current) && path.add(current)) {
                current = parents.get(current);
            }
            if (current != null && path.contains(current)) {
                List<String> cycle = new ArrayList<>();
                boolean in = false;
                for (String id : path) {
                    in = in || id.equals(current);
                    if (in) {
                        cycle.add(id);
                    }
                }
                cycle.add(current);
                cycles.add(cycle);
            }
            done.addAll(path);
        }
        return cycles;
    }
}
