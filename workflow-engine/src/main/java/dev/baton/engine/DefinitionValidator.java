package dev.baton.engine;

import dev.baton.api.directory.DirectoryUser;
import dev.baton.api.workflow.ChildTickets;
import dev.baton.api.workflow.ConditionalRoute;
import dev.baton.api.workflow.Countersign;
import dev.baton.api.workflow.Distribution;
import dev.baton.api.workflow.Fallback;
import dev.baton.api.workflow.FieldAccess;
import dev.baton.api.workflow.FieldDef;
import dev.baton.api.workflow.FieldType;
import dev.baton.api.workflow.EventHook;
import dev.baton.api.workflow.NoticeKind;
import dev.baton.api.workflow.NotificationTemplate;
import dev.baton.api.workflow.HookDef;
import dev.baton.api.workflow.ParticipantKind;
import dev.baton.api.workflow.ParticipantRule;
import dev.baton.api.workflow.StartPermission;
import dev.baton.api.workflow.StateDef;
import dev.baton.api.workflow.StateTimers;
import dev.baton.api.workflow.StateType;
import dev.baton.api.workflow.TransitionDef;
import dev.baton.api.workflow.ViewPermission;
import dev.baton.api.workflow.WorkflowDefinition;
import org.springframework.expression.spel.SpelNode;
import org.springframework.expression.spel.ast.FloatLiteral;
import org.springframework.expression.spel.ast.IntLiteral;
import org.springframework.expression.spel.ast.LongLiteral;
import org.springframework.expression.spel.ast.OpEQ;
import org.springframework.expression.spel.ast.OpGE;
import org.springframework.expression.spel.ast.OpGT;
import org.springframework.expression.spel.ast.OpLE;
import org.springframework.expression.spel.ast.OpLT;
import org.springframework.expression.spel.ast.OpMinus;
import org.springframework.expression.spel.ast.OpNE;
import org.springframework.expression.spel.ast.OpPlus;
import org.springframework.expression.spel.ast.PropertyOrFieldReference;
import org.springframework.expression.spel.ast.RealLiteral;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a whole workflow definition before it is saved or published and reports every problem as a sentence
 * naming the offending element. Checks: keys and names; unique state, transition and field keys; exactly one
 * start and at least one end state; transition and route targets; no way out of an end state; a way out of every
 * other state; reachability from the start; conditions (safe, known fields, numbers compared only with numeric
 * fields); field options; state field access; participant rules; countersign policies and quorums; and that named
 * users (active), departments, roles and admins exist in the directory. No check is skipped because another one
 * failed: an element with a malformed or repeated key still has its content checked (and one with a malformed key
 * still counts as declared, so references to it are not reported as unknown), and reachability is computed from
 * every START state when there are several. Only when there is no START state at all is reachability left out (that
 * problem is reported, and every state would otherwise be listed as unreachable).
 */
public final class DefinitionValidator {
    /** The shape of workflow, state, transition and field keys. */
    public static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    private static final Set<FieldType> CHOICES = EnumSet.of(FieldType.SINGLE_CHOICE, FieldType.MULTI_CHOICE);
    private static final Set<FieldType> NUMBERS = EnumSet.of(FieldType.INTEGER, FieldType.DECIMAL);

    private DefinitionValidator() {
    }

    /**
     * Every problem of the definition, in a stable order; empty when it is valid. With a {@code null} directory
     * the checks against the directory are skipped.
     */
    public static List<String> validate(WorkflowDefinition def, DirectoryView dir) {
        List<String> problems = new ArrayList<>();
        if (def == null) {
            problems.add("The workflow definition is missing");
            return problems;
        }
        if (isBlank(def.key())) {
            problems.add("The workflow has no key");
        } else if (!KEY.matcher(def.key()).matches()) {
            problems.add("Workflow key '" + def.key() + "' must match " + KEY.pattern());
        }
        if (isBlank(def.name())) {
            problems.add("The workflow has no name");
        }
        Map<String, FieldDef> fields = checkFields(def, problems);
        Map<String, StateDef> states = checkStates(def, fields, dir, problems);
        checkTransitions(def, fields, states, problems);
        checkReachability(def, states, problems);
        checkStartPermission(def.startPermission(), dir, problems);
        checkViewPermission(def, fields, dir, problems);
        checkEventHooks(def, problems);
        checkNotifications(def, problems);
        if (dir != null) {
            for (String admin : def.admins()) {
                if (dir.user(admin).isEmpty()) {
                    problems.add("Admin '" + admin + "' is not a user in the directory");
                }
            }
        }
        return problems;
    }

    private static Map<String, FieldDef> checkFields(WorkflowDefinition def, List<String> problems) {
        Map<String, FieldDef> fields = new LinkedHashMap<>();
        for (FieldDef field : def.fields()) {
            checkKey("Field", field.key(), problems);
            if (!isBlank(field.key()) && fields.putIfAbsent(field.key(), field) != null) {
                problems.add("Field key '" + field.key() + "' is used more than once");
            }
            if (field.type() == null) {
                problems.add("Field '" + field.key() + "' has no type");
            } else if (CHOICES.contains(field.type())) {
                if (field.options().isEmpty()) {
                    problems.add("Choice field '" + field.key() + "' has no options");
                }
                Set<String> seen = new HashSet<>();
                for (String option : field.options()) {
                    if (isBlank(option)) {
                        problems.add("Choice field '" + field.key() + "' has a blank option");
                    } else if (!seen.add(option)) {
                        problems.add("Choice field '" + field.key() + "' lists option '" + option
                                + "' more than once");
                    }
                }
            } else if (!field.options().isEmpty()) {
                problems.add("Field '" + field.key() + "' of type " + field.type()
                        + " must not have options; only choice fields do");
            }
        }
        return fields;
    }

    private static Map<String, StateDef> checkStates(WorkflowDefinition def, Map<String, FieldDef> fields,
                                                     DirectoryView dir, List<String> problems) {
        Map<String, StateDef> states = new LinkedHashMap<>();
        List<String> starts = new ArrayList<>();
        int ends = 0;
        for (StateDef state : def.states()) {
            // a repeated key is one state declared twice: its type is not counted again, its content is checked
            boolean repeated = false;
            checkKey("State", state.key(), problems);
            if (!isBlank(state.key()) && states.putIfAbsent(state.key(), state) != null) {
                problems.add("State key '" + state.key() + "' is used more than once");
                repeated = true;
            }
            if (state.type() == null) {
                problems.add("State '" + state.key() + "' has no type");
            } else if (state.type() == StateType.START && !repeated) {
                starts.add(String.valueOf(state.key()));
            } else if (state.type() == StateType.END && !repeated) {
                ends++;
            }
            for (Map.Entry<String, FieldAccess> access : state.fields().entrySet().stream()
                    .sorted(Map.Entry.comparingByKey()).toList()) {
                if (!fields.containsKey(access.getKey())) {
                    problems.add("State '" + state.key() + "' names unknown field '" + access.getKey() + "'");
                }
            }
            if (state.hook() != null) {
                checkHook(def, state, fields, problems);
            }
            if (state.children() != null) {
                checkChildren(def, state, fields, problems);
            }
            if (state.hook() == null && state.children() == null && state.type() == StateType.NORMAL) {
                checkParticipants(def, state, fields, dir, problems);
                checkFallback(def, state, dir, problems);
            }
            checkCountersign(state, problems);
            if (state.timers() != null) {
                checkTimers(def, state, dir, problems);
            }
        }
        if (starts.isEmpty()) {
            problems.add("The workflow has no START state; exactly one is required");
        } else if (starts.size() > 1) {
            problems.add("The workflow has " + starts.size() + " START states ('" + String.join("', '", starts)
                    + "'); exactly one is required");
        }
        if (ends == 0) {
            problems.add("The workflow has no END state; at least one is required");
        }
        return states;
    }

    /** {@code of} and {@code level} only where they mean something, naming a field that can hold the subject. */
    private static void checkRelative(String where, ParticipantRule rule, Map<String, FieldDef> fields,
                                      List<String> problems) {
        boolean relative = RELATIVE.contains(rule.kind());
        if (rule.of() != null && !relative) {
            problems.add(where + " sets 'of' on a " + rule.kind() + " participant rule; only the relative kinds "
                    + "(leaders, department leaders and approvers) take it");
        } else if (rule.of() != null && rule.of().startsWith(ParticipantRule.PARENT_FIELD_PREFIX)) {
            // the parent's workflow is not known here: only the key's form is checked
            if (!KEY.matcher(rule.parentSubjectField()).matches()) {
                problems.add(where + " is relative to '" + rule.of() + "'; expected 'parent-field:<key>' with a "
                        + "field key");
            }
        } else if (rule.of() != null && !rule.of().equals(ParticipantRule.CREATOR)) {
            String key = rule.subjectField();
            FieldDef field = key == null ? null : fields.get(key);
            Set<FieldType> fit = USER_RELATIVE.contains(rule.kind()) ? USER_FIELDS : DEPARTMENT_FIELDS;
            if (field == null) {
                problems.add(where + " is relative to '" + rule.of() + "'; expected 'creator' or 'field:<key>' of a "
                        + "known field");
            } else if (!fit.contains(field.type())) {
                problems.add(where + " is relative to field '" + key + "' of type " + field.type() + "; a "
                        + rule.kind() + " rule needs one of " + fit);
            }
        }
        if (rule.kind() == ParticipantKind.ANCESTOR_LEADER) {
            if (rule.level() == null || rule.level() < 1) {
                problems.add(where + " has an ANCESTOR_LEADER participant rule without a level of at least 1");
            }
        } else if (rule.level() != null) {
            problems.add(where + " sets a level on a " + rule.kind() + " participant rule; only ANCESTOR_LEADER "
                    + "takes one");
        }
    }

    /** Named users, departments and roles exist; a rate limit allows at least one ticket in one hour to a year. */
    /** Each event hook: an http(s) URL, a secret name, at least one kind of event, time-out and attempts in range. */
    private static void checkEventHooks(WorkflowDefinition def, List<String> problems) {
        for (int i = 0; i < def.eventHooks().size(); i++) {
            EventHook hook = def.eventHooks().get(i);
            String where = "Event hook " + (i + 1);
            if (hook == null) {
                problems.add(where + " is empty");
                continue;
            }
            if (!isHttpUrl(hook.url())) {
                problems.add(where + " must call an http or https URL; got '" + hook.url() + "'");
            }
            if (hook.secret() == null || !KEY.matcher(hook.secret()).matches()) {
                problems.add(where + " must name the secret it is signed with; got '" + hook.secret() + "'");
            }
            if (hook.events().isEmpty()) {
                problems.add(where + " must name the events it tells of, some of "
                        + java.util.Arrays.toString(EventHook.Kind.values()));
            }
            if (hook.timeoutSeconds() != null && (hook.timeoutSeconds() < 1
                    || hook.timeoutSeconds() > HookDef.MAX_TIMEOUT_SECONDS)) {
                problems.add(where + "'s time-out must be 1 to " + HookDef.MAX_TIMEOUT_SECONDS + " s; got "
                        + hook.timeoutSeconds());
            }
            if (hook.attempts() != null && (hook.attempts() < 1 || hook.attempts() > HookDef.MAX_ATTEMPTS)) {
                problems.add(where + "'s attempts must be 1 to " + HookDef.MAX_ATTEMPTS + "; got " + hook.attempts());
            }
        }
    }

    /** At most one template per kind; a body, both within their size, both valid FreeMarker. */
    private static void checkNotifications(WorkflowDefinition def, List<String> problems) {
        Set<NoticeKind> kinds = EnumSet.noneOf(NoticeKind.class);
        for (int i = 0; i < def.notifications().size(); i++) {
            NotificationTemplate template = def.notifications().get(i);
            String where = "Notification template " + (i + 1);
            if (template == null || template.kind() == null) {
                problems.add(where + " must name its kind, one of " + java.util.Arrays.toString(NoticeKind.values()));
                if (template == null) {
                    continue;
                }
            } else {
                where = "The " + template.kind() + " notification template";
                if (!kinds.add(template.kind())) {
                    problems.add(where + " is given more than once");
                }
            }
            if (isBlank(template.body())) {
                problems.add(where + " has no body");
            } else if (template.body().length() > NotificationTemplate.MAX_BODY) {
                problems.add(where + "'s body is " + template.body().length() + " characters; at most "
                        + NotificationTemplate.MAX_BODY + " are allowed");
            } else {
                String named = where;
                NoticeTemplates.problem(template.body()).ifPresent(p -> problems.add(
                        named + "'s body is not a valid template: " + p));
            }
            if (template.subject() != null && template.subject().length() > NotificationTemplate.MAX_SUBJECT) {
                problems.add(where + "'s subject is " + template.subject().length() + " characters; at most "
                        + NotificationTemplate.MAX_SUBJECT + " are allowed");
            } else if (!isBlank(template.subject())) {
                String named = where;
                NoticeTemplates.problem(template.subject()).ifPresent(p -> problems.add(
                        named + "'s subject is not a valid template: " + p));
            }
        }
    }

    private static void checkStartPermission(StartPermission permission, DirectoryView dir, List<String> problems) {
        if (permission == null) {
            return;
        }
        StartPermission.RateLimit limit = permission.rateLimit();
        if (limit != null && (limit.tickets() < 1 || limit.perHours() < 1 || limit.perHours() > 24 * 366)) {
            problems.add("The start permission's rate limit allows " + limit.tickets() + " tickets per "
                    + limit.perHours() + " hours; it needs at least 1 ticket per 1 to 8784 hours");
        }
        if (dir == null) {
            return;
        }
        checkAudience("start", permission.users(), permission.departments(), permission.roles(), dir, problems);
    }

    /** Viewers are named in the directory and see known fields; it only means something when viewing is restricted. */
    private static void checkViewPermission(WorkflowDefinition def, Map<String, FieldDef> fields, DirectoryView dir,
                                            List<String> problems) {
        ViewPermission permission = def.viewPermission();
        if (permission == null) {
            return;
        }
        if (!def.restrictView()) {
            problems.add("The workflow has a view permission but does not restrict viewing; everyone may read it");
        }
        permission.fields().stream().filter(f -> !fields.containsKey(f))
                .forEach(f -> problems.add("The view permission shows unknown field '" + f + "'"));
        if (dir == null) {
            return;
        }
        checkAudience("view", permission.users(), permission.departments(), permission.roles(), dir, problems);
    }

    /** The users, departments and roles a start or view permission names exist in the directory. */
    private static void checkAudience(String kind, List<String> users, List<String> departments, List<String> roles,
                                      DirectoryView dir, List<String> problems) {
        String prefix = "The " + kind + " permission names unknown ";
        users.stream().filter(u -> dir.user(u).isEmpty()).forEach(u -> problems.add(prefix + "user '" + u + "'"));
        departments.stream().filter(d -> dir.department(d).isEmpty())
                .forEach(d -> problems.add(prefix + "department '" + d + "'"));
        roles.stream().filter(r -> !dir.hasRole(r)).forEach(r -> problems.add(prefix + "role '" + r + "'"));
    }

    /** A named fallback user must exist and be active; an admins fallback needs admins. */
    private static void checkFallback(WorkflowDefinition def, StateDef state, DirectoryView dir,
                                      List<String> problems) {
        Fallback fallback = state.fallback();
        if (fallback == null) {
            return;
        }
        String where = "State '" + state.key() + "'";
        switch (fallback.kind()) {
            case USER -> {
                if (isBlank(fallback.user())) {
                    problems.add(where + " has a USER fallback naming nobody");
                } else if (dir != null && dir.user(fallback.user()).filter(DirectoryUser::active).isEmpty()) {
                    problems.add(where + " has a fallback to '" + fallback.user() + "', who is not an active user");
                }
            }
            case ADMINS -> {
                if (def.admins().isEmpty()) {
                    problems.add(where + " falls back to the workflow's admins, but the workflow has none");
                }
            }
            case REFUSE -> {
                // the default: nothing to check
            }
        }
    }

    /** A countersign policy only on an all-must-act state; a quorum given once, as a count or a percentage. */
    private static void checkCountersign(StateDef state, List<String> problems) {
        Countersign countersign = state.countersign();
        if (countersign == null) {
            return;
        }
        String where = "State '" + state.key() + "'";
        if (state.distribution() != Distribution.ALL) {
            problems.add(where + " has a countersign policy but distribution " + state.distribution()
                    + "; a policy applies only to ALL");
        }
        Integer count = countersign.quorum();
        Integer percent = countersign.quorumPercent();
        if (countersign.policy() != Countersign.Policy.QUORUM) {
            if (count != null || percent != null) {
                problems.add(where + " sets a quorum for policy " + countersign.policy() + "; only QUORUM takes one");
            }
            return;
        }
        if ((count == null) == (percent == null)) {
            problems.add(where + " has policy QUORUM; it needs exactly one of quorum (a count) and quorumPercent");
        } else if (count != null && count < 1) {
            problems.add(where + " has quorum " + count + "; it must be at least 1");
        } else if (percent != null && (percent < 1 || percent > 100)) {
            problems.add(where + " has quorumPercent " + percent + "; it must be between 1 and 100");
        } else if (count != null && state.participants() != null
                && EnumSet.of(ParticipantKind.USER, ParticipantKind.USERS).contains(state.participants().kind())
                && count > state.participants().values().size()) {
            problems.add(where + " has quorum " + count + " but names only " + state.participants().values().size()
                    + " users");
        }
    }

    private static final Set<ParticipantKind> RELATIVE = EnumSet.of(ParticipantKind.LEADER,
            ParticipantKind.SKIP_LEVEL_LEADER, ParticipantKind.ANCESTOR_LEADER, ParticipantKind.DEPARTMENT_LEADER,
            ParticipantKind.PARENT_DEPARTMENT_LEADER, ParticipantKind.DEPARTMENT_APPROVERS,
            ParticipantKind.ROLE_IN_DEPARTMENT);
    private static final Set<ParticipantKind> USER_RELATIVE = EnumSet.of(ParticipantKind.LEADER,
            ParticipantKind.SKIP_LEVEL_LEADER);
    private static final Set<FieldType> USER_FIELDS = EnumSet.of(FieldType.USER, FieldType.MULTI_USER);
    private static final Set<FieldType> DEPARTMENT_FIELDS = EnumSet.of(FieldType.USER, FieldType.MULTI_USER,
            FieldType.TEXT, FieldType.SINGLE_CHOICE, FieldType.MULTI_CHOICE);

    private static void checkParticipants(WorkflowDefinition def, StateDef state, Map<String, FieldDef> fields,
                                          DirectoryView dir, List<String> problems) {
        ParticipantRule rule = state.participants();
        String where = "State '" + state.key() + "'";
        if (rule == null || rule.kind() == null) {
            problems.add(where + " has no participant rule");
            return;
        }
        List<String> values = rule.values();
        checkRelative(where, rule, fields, problems);
        switch (rule.kind()) {
            case USER -> {
                if (values.size() != 1) {
                    problems.add(where + " has a USER participant rule naming " + values.size()
                            + " users; it must name exactly one");
                }
            }
            case ROLE_IN_DEPARTMENT -> {
                if (values.isEmpty()) {
                    problems.add(where + " has a ROLE_IN_DEPARTMENT participant rule naming no role; it must name a "
                            + "role, then any departments");
                } else if (values.size() > 1 && rule.of() != null) {
                    problems.add(where + " has a ROLE_IN_DEPARTMENT participant rule naming departments and 'of'; "
                            + "name departments, or let 'of' choose them");
                }
            }
            case USERS, DEPARTMENT, DEPARTMENT_MEMBERS, ROLE -> {
                if (values.isEmpty()) {
                    problems.add(where + " has a " + rule.kind() + " participant rule naming no "
                            + noun(rule.kind()) + "; it must name at least one");
                }
            }
            case FIELD -> {
                FieldDef field = values.size() == 1 ? fields.get(values.get(0)) : null;
                if (field == null || !USER_FIELDS.contains(field.type())) {
                    problems.add(where + " has a FIELD participant rule; it must name one USER or MULTI_USER field, "
                            + "but names " + values);
                }
            }
            case EXTERNAL -> {
                if (values.size() != 1 || !isHttpUrl(values.get(0))) {
                    problems.add(where + " has an EXTERNAL participant rule; it must name one http or https URL, "
                            + "but names " + values);
                }
                if (rule.timeoutSeconds() != null && (rule.timeoutSeconds() < 1
                        || rule.timeoutSeconds() > ParticipantRule.MAX_TIMEOUT_SECONDS)) {
                    problems.add(where + " has an EXTERNAL participant rule timing out after " + rule.timeoutSeconds()
                            + " s; it must be 1 to " + ParticipantRule.MAX_TIMEOUT_SECONDS);
                }
                if (state.distribution() == Distribution.SEQUENTIAL) {
                    problems.add(where + " has an EXTERNAL participant rule and a SEQUENTIAL distribution; the "
                            + "endpoint's order is not a sequence the workflow can show in advance");
                }
            }
            case HANDLER_OF -> {
                boolean known = values.size() == 1 && def.states().stream()
                        .anyMatch(s -> s.key() != null && s.key().equals(values.get(0)) && s.type() != StateType.END);
                if (!known) {
                    problems.add(where + " has a HANDLER_OF participant rule; it must name one state that is not an "
                            + "end state, but names " + values);
                }
            }
            default -> {
                if (!values.isEmpty()) {
                    problems.add(where + " has a " + rule.kind() + " participant rule with values " + values
                            + "; it takes none");
                }
            }
        }
        if (rule.timeoutSeconds() != null && rule.kind() != ParticipantKind.EXTERNAL) {
            problems.add(where + " sets a time-out on a " + rule.kind() + " participant rule; only EXTERNAL takes one");
        }
        if (dir == null) {
            return;
        }
        for (String value : values) {
            switch (rule.kind()) {
                case USER, USERS -> {
                    Optional<DirectoryUser> user = dir.user(value);
                    if (user.isEmpty()) {
                        problems.add(where + " names unknown user '" + value + "'");
                    } else if (!user.get().active()) {
                        problems.add(where + " names inactive user '" + value + "'");
                    }
                }
                case DEPARTMENT, DEPARTMENT_MEMBERS -> {
                    if (dir.department(value).isEmpty()) {
                        problems.add(where + " names unknown department '" + value + "'");
                    }
                }
                case ROLE_IN_DEPARTMENT -> {
                    boolean role = value.equals(values.get(0));
                    if (role && !dir.hasRole(value)) {
                        problems.add(where + " names unknown role '" + value + "'");
                    } else if (!role && dir.department(value).isEmpty()) {
                        problems.add(where + " names unknown department '" + value + "'");
                    }
                }
                case ROLE -> {
                    if (!dir.hasRole(value)) {
                        problems.add(where + " names unknown role '" + value + "'");
                    }
                }
                default -> {
                    // nothing to look up
                }
            }
        }
    }

    private static boolean isHttpUrl(String value) {
        try {
            java.net.URI uri = new java.net.URI(value);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (java.net.URISyntaxException | NullPointerException e) {
            return false;
        }
    }

    private static void checkTransitions(WorkflowDefinition def, Map<String, FieldDef> fields,
                                         Map<String, StateDef> states, List<String> problems) {
        Set<String> keys = new HashSet<>();
        Set<String> left = new HashSet<>();
        for (TransitionDef t : def.transitions()) {
            checkKey("Transition", t.key(), problems);
            if (!isBlank(t.key()) && !keys.add(t.key())) {
                problems.add("Transition key '" + t.key() + "' is used more than once");
            }
            String where = "Transition '" + t.key() + "'";
            if (isBlank(t.from())) {
                problems.add(where + " has no source state");
            } else if (!states.containsKey(t.from())) {
                problems.add(where + " starts from unknown state '" + t.from() + "'");
            } else {
                left.add(t.from());
                if (states.get(t.from()).type() == StateType.END) {
                    problems.add(where + " leaves END state '" + t.from() + "'; end states have no way out");
                }
            }
            if (isBlank(t.to())) {
                problems.add(where + " has no destination state");
            } else if (!states.containsKey(t.to())) {
                problems.add(where + " goes to unknown state '" + t.to() + "'");
            }
            for (ConditionalRoute route : t.routes()) {
                if (route == null) {
                    problems.add(where + " has an empty route");
                    continue;
                }
                if (isBlank(route.to())) {
                    problems.add(where + " has a route with no destination state");
                } else if (!states.containsKey(route.to())) {
                    problems.add(where + " routes to unknown state '" + route.to() + "'");
                }
                checkCondition(where, route.condition(), fields, problems);
            }
        }
        for (StateDef state : states.values()) {
            if (state.type() != StateType.END && !left.contains(state.key())) {
                problems.add("State '" + state.key() + "' has no outgoing transition");
            }
        }
    }

    /**
     * Timers only on states a ticket waits in, with durations that read (1 s to 366 days), a time-out transition
     * that leaves the state, reminders with a first delay (and a positive count when given), and an SLA escalating to
     * known active users.
     */
    private static void checkTimers(WorkflowDefinition def, StateDef state, DirectoryView dir, List<String> problems) {
        String where = "State '" + state.key() + "'";
        StateTimers timers = state.timers();
        if (state.type() == StateType.END) {
            problems.add(where + " is an END state and has timers; nothing waits there");
        }
        String durations = " must be an ISO-8601 duration from " + Timers.SHORTEST + " to " + Timers.LONGEST
                + ", like PT48H or P2D";
        if (timers.timeout() != null) {
            if (Timers.duration(timers.timeout().after()).isEmpty()) {
                problems.add(where + "'s time-out 'after' (" + timers.timeout().after() + ")" + durations);
            }
            List<String> leaving = leaving(def, state.key());
            if (timers.timeout().transition() == null || !leaving.contains(timers.timeout().transition())) {
                problems.add(where + "'s time-out must take a transition leaving it, one of " + leaving + "; got '"
                        + timers.timeout().transition() + "'");
            }
        }
        if (timers.reminders() != null) {
            if (Timers.duration(timers.reminders().first()).isEmpty()) {
                problems.add(where + "'s reminders 'first' (" + timers.reminders().first() + ")" + durations);
            }
            if (timers.reminders().every() != null && Timers.duration(timers.reminders().every()).isEmpty()) {
                problems.add(where + "'s reminders 'every' (" + timers.reminders().every() + ")" + durations);
            }
            if (timers.reminders().times() != null && timers.reminders().times() < 1) {
                problems.add(where + "'s reminders 'times' must be at least 1; got " + timers.reminders().times());
            }
        }
        if (timers.sla() != null) {
            if (Timers.duration(timers.sla().within()).isEmpty()) {
                problems.add(where + "'s SLA 'within' (" + timers.sla().within() + ")" + durations);
            }
            StateTimers.Escalation escalation = timers.sla().escalation();
            if (escalation == null || escalation.kind() == null || escalation.users().isEmpty()) {
                problems.add(where + "'s SLA must escalate (NOTIFY or REASSIGN) to at least one user");
            } else if (dir != null) {
                for (String user : escalation.users()) {
                    if (dir.user(user).filter(DirectoryUser::active).isEmpty()) {
                        problems.add(where + "'s SLA escalates to '" + user + "', who is not an active user");
                    }
                }
            }
        }
    }

    /**
     * A state an external system handles: a normal state without participants or children, an http(s) URL, a secret
     * name, known fields, a time-out and attempts in range, and success and failure transitions that leave it.
     */
    private static void checkHook(WorkflowDefinition def, StateDef state, Map<String, FieldDef> fields,
                                  List<String> problems) {
        String where = "State '" + state.key() + "'";
        HookDef hook = state.hook();
        if (state.type() != StateType.NORMAL) {
            problems.add(where + " has a hook but is a " + state.type() + " state; only NORMAL states can");
        }
        if (state.participants() != null || state.fallback() != null || state.children() != null) {
            problems.add(where + " has a hook and names participants, a fallback or children; the external system "
                    + "handles it alone");
        }
        if (!isHttpUrl(hook.url())) {
            problems.add(where + "'s hook must call an http or https URL; got '" + hook.url() + "'");
        }
        if (hook.secret() == null || !KEY.matcher(hook.secret()).matches()) {
            problems.add(where + "'s hook must name the secret it is signed with (a key the hook worker knows, like "
                    + "'cmdb'); got '" + hook.secret() + "'");
        }
        hook.fields().keySet().stream().sorted().filter(f -> !fields.containsKey(f)).forEach(f ->
                problems.add(where + "'s hook sends unknown field '" + f + "'"));
        if (hook.timeoutSeconds() != null && (hook.timeoutSeconds() < 1
                || hook.timeoutSeconds() > HookDef.MAX_TIMEOUT_SECONDS)) {
            problems.add(where + "'s hook time-out must be 1 to " + HookDef.MAX_TIMEOUT_SECONDS + " s; got "
                    + hook.timeoutSeconds());
        }
        if (hook.attempts() != null && (hook.attempts() < 1 || hook.attempts() > HookDef.MAX_ATTEMPTS)) {
            problems.add(where + "'s hook attempts must be 1 to " + HookDef.MAX_ATTEMPTS + "; got " + hook.attempts());
        }
        List<String> leaving = leaving(def, state.key());
        for (String transition : java.util.Arrays.asList(hook.successTransition(), hook.failureTransition())) {
            if (transition == null || !leaving.contains(transition)) {
                problems.add(where + "'s hook must name success and failure transitions leaving it, one of "
                        + leaving + "; got '" + transition + "'");
            }
        }
    }

    /** The names a child-ticket condition may use: the counts of the children's outcomes. */
    public static final Set<String> CHILD_COUNTS = Set.of("total", "ended", "open", "finished", "rejected", "closed",
            "deleted", "failed");
    static final int MAX_CHILDREN = 20;

    /**
     * A state that starts child tickets: a normal state without participants, one to {@value #MAX_CHILDREN} children
     * on well-formed workflow keys taking values from known fields, a condition over the outcome counts, and
     * transitions that leave this state.
     */
    private static void checkChildren(WorkflowDefinition def, StateDef state, Map<String, FieldDef> fields,
                                      List<String> problems) {
        String where = "State '" + state.key() + "'";
        ChildTickets children = state.children();
        if (state.type() != StateType.NORMAL) {
            problems.add(where + " starts child tickets but is a " + state.type() + " state; only NORMAL states can");
        }
        if (state.participants() != null || state.fallback() != null) {
            problems.add(where + " starts child tickets and names participants or a fallback; the ticket waits for "
                    + "its children there, nobody acts on it");
        }
        if (children.tickets().isEmpty() || children.tickets().size() > MAX_CHILDREN) {
            problems.add(where + " starts " + children.tickets().size() + " child tickets; it must start 1 to "
                    + MAX_CHILDREN);
        }
        for (ChildTickets.Child child : children.tickets()) {
            if (child == null) {
                problems.add(where + " starts a child ticket without a valid workflow key");
                continue;
            }
            if (child.workflow() == null || !KEY.matcher(child.workflow()).matches()) {
                problems.add(where + " starts a child ticket without a valid workflow key");
            }
            if (child.title() != null && (child.title().isBlank() || child.title().length() > 200)) {
                problems.add(where + " gives child '" + child.workflow() + "' a blank title or one over 200 "
                        + "characters");
            }
            child.fields().forEach((childField, parentField) -> {
                if (!fields.containsKey(parentField)) {
                    problems.add(where + " fills child field '" + childField + "' of '" + child.workflow()
                            + "' from unknown field '" + parentField + "'");
                }
            });
        }
        List<String> leaving = leaving(def, state.key());
        if (isBlank(children.transition()) || !leaving.contains(children.transition())) {
            problems.add(where + " must name the transition its ticket takes when its children are done, one of "
                    + leaving + "; got '" + children.transition() + "'");
        }
        if (children.condition() != null) {
            if (isBlank(children.otherwise()) || !leaving.contains(children.otherwise())) {
                problems.add(where + " has a condition over its children and must name the transition taken "
                        + "when it never holds ('otherwise'), one of " + leaving + "; got '" + children.otherwise()
                        + "'");
            }
            try {
                Conditions.check(children.condition());
                for (String name : Conditions.referencedFields(children.condition())) {
                    if (!CHILD_COUNTS.contains(name)) {
                        problems.add(where + " has child condition '" + children.condition() + "' naming '" + name
                                + "'; it may use " + new java.util.TreeSet<>(CHILD_COUNTS));
                    }
                }
            } catch (ConditionException e) {
                problems.add(where + " has an invalid child condition: " + e.getMessage());
            }
        } else if (children.otherwise() != null) {
            problems.add(where + " names an 'otherwise' transition without a condition over its children");
        }
    }

    private static void checkCondition(String where, String condition, Map<String, FieldDef> fields,
                                       List<String> problems) {
        if (isBlank(condition)) {
            problems.add(where + " has a route with no condition");
            return;
        }
        SpelNode ast;
        try {
            ast = Conditions.parse(condition).getAST();
        } catch (ConditionException e) {
            problems.add(where + " has an invalid condition: " + e.getMessage());
            return;
        }
        for (String name : Conditions.referencedFields(condition)) {
            if (!fields.containsKey(name)) {
                problems.add(where + " has condition '" + condition + "' referencing unknown field '" + name + "'");
            }
        }
        Set<String> reported = new LinkedHashSet<>();
        Conditions.walk(ast, node -> {
            if (isComparison(node) && node.getChildCount() == 2) {
                comparedWithNumber(node.getChild(0), node.getChild(1), fields, reported);
                comparedWithNumber(node.getChild(1), node.getChild(0), fields, reported);
            }
        });
        for (String name : reported) {
            problems.add(where + " has condition '" + condition + "' comparing field '" + name + "' ("
                    + fields.get(name).type() + ") with a number; only INTEGER and DECIMAL fields compare with numbers");
        }
    }

    private static void comparedWithNumber(SpelNode field, SpelNode other, Map<String, FieldDef> fields,
                                           Set<String> reported) {
        if (field instanceof PropertyOrFieldReference ref && isNumberLiteral(other)) {
            FieldDef def = fields.get(ref.getName());
            if (def != null && def.type() != null && !NUMBERS.contains(def.type())) {
                reported.add(ref.getName());
            }
        }
    }

    private static boolean isComparison(SpelNode node) {
        return node instanceof OpGT || node instanceof OpLT || node instanceof OpGE || node instanceof OpLE
                || node instanceof OpEQ || node instanceof OpNE;
    }

    private static boolean isNumberLiteral(SpelNode node) {
        if (node instanceof IntLiteral || node instanceof LongLiteral || node instanceof RealLiteral
                || node instanceof FloatLiteral) {
            return true;
        }
        // a signed literal, e.g. -3
        return (node instanceof OpMinus || node instanceof OpPlus) && node.getChildCount() == 1
                && isNumberLiteral(node.getChild(0));
    }

    private static void checkReachability(WorkflowDefinition def, Map<String, StateDef> states,
                                          List<String> problems) {
        List<String> starts = states.values().stream().filter(s -> s.type() == StateType.START).map(StateDef::key)
                .toList();
        if (starts.isEmpty()) {
            return; // reported as no START state; every state would be listed as unreachable
        }
        String from = starts.size() == 1 ? "the start state '" + starts.get(0) + "'"
                : "any of the START states '" + String.join("', '", starts) + "'";
        Set<String> reached = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(starts);
        while (!todo.isEmpty()) {
            String current = todo.poll();
            if (!reached.add(current)) {
                continue;
            }
            for (TransitionDef t : def.transitions()) {
                if (current.equals(t.from())) {
                    if (t.to() != null) {
                        todo.add(t.to());
                    }
                    for (ConditionalRoute route : t.routes()) {
                        if (route != null && route.to() != null) {
                            todo.add(route.to());
                        }
                    }
                }
            }
        }
        for (String key : states.keySet()) {
            if (!reached.contains(key)) {
                problems.add("State '" + key + "' cannot be reached from " + from);
            }
        }
    }

    /** The keys of the transitions leaving {@code stateKey} (transitions without a source are reported elsewhere). */
    private static List<String> leaving(WorkflowDefinition def, String stateKey) {
        return def.transitions().stream().filter(t -> t.from() != null && t.from().equals(stateKey))
                .map(TransitionDef::key).toList();
    }

    private static void checkKey(String what, String key, List<String> problems) {
        if (isBlank(key)) {
            problems.add("A " + what.toLowerCase() + " has no key");
        } else if (!KEY.matcher(key).matches()) {
            problems.add(what + " key '" + key + "' must match " + KEY.pattern());
        }
    }

    private static String noun(ParticipantKind kind) {
        return switch (kind) {
            case DEPARTMENT, DEPARTMENT_MEMBERS -> "department";
            case ROLE -> "role";
            default -> "user";
        };
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
