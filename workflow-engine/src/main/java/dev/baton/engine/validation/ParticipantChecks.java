package dev.baton.engine.validation;

import dev.baton.api.directory.DirectoryUser;
import dev.baton.api.workflow.Distribution;
import dev.baton.api.workflow.Fallback;
import dev.baton.api.workflow.FieldDef;
import dev.baton.api.workflow.FieldType;
import dev.baton.api.workflow.ParticipantKind;
import dev.baton.api.workflow.ParticipantRule;
import dev.baton.api.workflow.StateDef;
import dev.baton.api.workflow.StateType;
import dev.baton.engine.DirectoryView;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static dev.baton.engine.validation.Keys.KEY;
import static dev.baton.engine.validation.Keys.isBlank;
import static dev.baton.engine.validation.Keys.isHttpUrl;

/**
 * Who handles a state: a participant rule whose values fit its kind (one user, some departments, a user field, an
 * endpoint, an earlier state), relative rules ({@code of}, {@code level}) only where they mean something and on
 * fields that can hold their subject, names that exist in the directory (users active), and a fallback someone can
 * take the ticket by.
 */
public final class ParticipantChecks {
    private static final Set<ParticipantKind> RELATIVE = EnumSet.of(ParticipantKind.LEADER,
            ParticipantKind.SKIP_LEVEL_LEADER, ParticipantKind.ANCESTOR_LEADER, ParticipantKind.DEPARTMENT_LEADER,
            ParticipantKind.PARENT_DEPARTMENT_LEADER, ParticipantKind.DEPARTMENT_APPROVERS,
            ParticipantKind.ROLE_IN_DEPARTMENT);
    private static final Set<ParticipantKind> USER_RELATIVE = EnumSet.of(ParticipantKind.LEADER,
            ParticipantKind.SKIP_LEVEL_LEADER);
    private static final Set<FieldType> USER_FIELDS = EnumSet.of(FieldType.USER, FieldType.MULTI_USER);
    private static final Set<FieldType> DEPARTMENT_FIELDS = EnumSet.of(FieldType.USER, FieldType.MULTI_USER,
            FieldType.TEXT, FieldType.SINGLE_CHOICE, FieldType.MULTI_CHOICE);

    private ParticipantChecks() {
    }

    /** A state people handle has a rule for who they are; checked against the directory when there is one. */
    public static void participants(Draft draft, StateDef state) {
        ParticipantRule rule = state.participants();
        String where = "State '" + state.key() + "'";
        if (rule == null || rule.kind() == null) {
            draft.problem(where + " has no participant rule");
            return;
        }
        List<String> values = rule.values();
        relative(draft, where, rule);
        switch (rule.kind()) {
            case USER -> {
                if (values.size() != 1) {
                    draft.problem(where + " has a USER participant rule naming " + values.size()
                            + " users; it must name exactly one");
                }
            }
            case ROLE_IN_DEPARTMENT -> {
                if (values.isEmpty()) {
                    draft.problem(where + " has a ROLE_IN_DEPARTMENT participant rule naming no role; it must name a "
                            + "role, then any departments");
                } else if (values.size() > 1 && rule.of() != null) {
                    draft.problem(where + " has a ROLE_IN_DEPARTMENT participant rule naming departments and 'of'; "
                            + "name departments, or let 'of' choose them");
                }
            }
            case USERS, DEPARTMENT, DEPARTMENT_MEMBERS, ROLE -> {
                if (values.isEmpty()) {
                    draft.problem(where + " has a " + rule.kind() + " participant rule naming no "
                            + noun(rule.kind()) + "; it must name at least one");
                }
            }
            case FIELD -> {
                FieldDef field = values.size() == 1 ? draft.field(values.get(0)) : null;
                if (field == null || !USER_FIELDS.contains(field.type())) {
                    draft.problem(where + " has a FIELD participant rule; it must name one USER or MULTI_USER field, "
                            + "but names " + values);
                }
            }
            case EXTERNAL -> external(draft, where, state, rule);
            case HANDLER_OF -> {
                boolean known = values.size() == 1 && draft.definition().states().stream()
                        .anyMatch(s -> s.key() != null && s.key().equals(values.get(0)) && s.type() != StateType.END);
                if (!known) {
                    draft.problem(where + " has a HANDLER_OF participant rule; it must name one state that is not an "
                            + "end state, but names " + values);
                }
            }
            default -> {
                if (!values.isEmpty()) {
                    draft.problem(where + " has a " + rule.kind() + " participant rule with values " + values
                            + "; it takes none");
                }
            }
        }
        if (rule.timeoutSeconds() != null && rule.kind() != ParticipantKind.EXTERNAL) {
            draft.problem(where + " sets a time-out on a " + rule.kind() + " participant rule; only EXTERNAL takes "
                    + "one");
        }
        if (draft.directory() != null) {
            named(draft, where, rule);
        }
    }

    /** A named fallback user must exist and be active; an admins fallback needs admins. */
    public static void fallback(Draft draft, StateDef state) {
        Fallback fallback = state.fallback();
        if (fallback == null) {
            return;
        }
        String where = "State '" + state.key() + "'";
        switch (fallback.kind()) {
            case USER -> {
                if (isBlank(fallback.user())) {
                    draft.problem(where + " has a USER fallback naming nobody");
                } else if (draft.directory() != null
                        && draft.directory().user(fallback.user()).filter(DirectoryUser::active).isEmpty()) {
                    draft.problem(where + " has a fallback to '" + fallback.user() + "', who is not an active user");
                }
            }
            case ADMINS -> {
                if (draft.definition().admins().isEmpty()) {
                    draft.problem(where + " falls back to the workflow's admins, but the workflow has none");
                }
            }
            case REFUSE -> {
                // the default: nothing to check
            }
        }
    }

    private static void external(Draft draft, String where, StateDef state, ParticipantRule rule) {
        List<String> values = rule.values();
        if (values.size() != 1 || !isHttpUrl(values.get(0))) {
            draft.problem(where + " has an EXTERNAL participant rule; it must name one http or https URL, "
                    + "but names " + values);
        }
        if (rule.timeoutSeconds() != null && (rule.timeoutSeconds() < 1
                || rule.timeoutSeconds() > ParticipantRule.MAX_TIMEOUT_SECONDS)) {
            draft.problem(where + " has an EXTERNAL participant rule timing out after " + rule.timeoutSeconds()
                    + " s; it must be 1 to " + ParticipantRule.MAX_TIMEOUT_SECONDS);
        }
        if (state.distribution() == Distribution.SEQUENTIAL) {
            draft.problem(where + " has an EXTERNAL participant rule and a SEQUENTIAL distribution; the "
                    + "endpoint's order is not a sequence the workflow can show in advance");
        }
    }

    /** {@code of} and {@code level} only where they mean something, naming a field that can hold the subject. */
    private static void relative(Draft draft, String where, ParticipantRule rule) {
        boolean relative = RELATIVE.contains(rule.kind());
        if (rule.of() != null && !relative) {
            draft.problem(where + " sets 'of' on a " + rule.kind() + " participant rule; only the relative kinds "
                    + "(leaders, department leaders and approvers) take it");
        } else if (rule.of() != null && rule.of().startsWith(ParticipantRule.PARENT_FIELD_PREFIX)) {
            // the parent's workflow is not known here: only the key's form is checked
            if (!KEY.matcher(rule.parentSubjectField()).matches()) {
                draft.problem(where + " is relative to '" + rule.of() + "'; expected 'parent-field:<key>' with a "
                        + "field key");
            }
        } else if (rule.of() != null && !rule.of().equals(ParticipantRule.CREATOR)) {
            String key = rule.subjectField();
            FieldDef field = draft.field(key);
            Set<FieldType> fit = USER_RELATIVE.contains(rule.kind()) ? USER_FIELDS : DEPARTMENT_FIELDS;
            if (field == null) {
                draft.problem(where + " is relative to '" + rule.of() + "'; expected 'creator' or 'field:<key>' of a "
                        + "known field");
            } else if (!fit.contains(field.type())) {
                draft.problem(where + " is relative to field '" + key + "' of type " + field.type() + "; a "
                        + rule.kind() + " rule needs one of " + fit);
            }
        }
        if (rule.kind() == ParticipantKind.ANCESTOR_LEADER) {
            if (rule.level() == null || rule.level() < 1) {
                draft.problem(where + " has an ANCESTOR_LEADER participant rule without a level of at least 1");
            }
        } else if (rule.level() != null) {
            draft.problem(where + " sets a level on a " + rule.kind() + " participant rule; only ANCESTOR_LEADER "
                    + "takes one");
        }
    }

    /** The users (active), departments and roles the rule names exist in the directory. */
    private static void named(Draft draft, String where, ParticipantRule rule) {
        DirectoryView dir = draft.directory();
        List<String> values = rule.values();
        for (String value : values) {
            switch (rule.kind()) {
                case USER, USERS -> {
                    Optional<DirectoryUser> user = dir.user(value);
                    if (user.isEmpty()) {
                        draft.problem(where + " names unknown user '" + value + "'");
                    } else if (!user.get().active()) {
                        draft.problem(where + " names inactive user '" + value + "'");
                    }
                }
                case DEPARTMENT, DEPARTMENT_MEMBERS -> {
                    if (dir.department(value).isEmpty()) {
                        draft.problem(where + " names unknown department '" + value + "'");
                    }
                }
                case ROLE_IN_DEPARTMENT -> {
                    boolean role = value.equals(values.get(0));
                    if (role && !dir.hasRole(value)) {
                        draft.problem(where + " names unknown role '" + value + "'");
                    } else if (!role && dir.department(value).isEmpty()) {
                        draft.problem(where + " names unknown department '" + value + "'");
                    }
                }
                case ROLE -> {
                    if (!dir.hasRole(value)) {
                        draft.problem(where + " names unknown role '" + value + "'");
                    }
                }
                default -> {
                    // nothing to look up
                }
            }
        }
    }

    private static String noun(ParticipantKind kind) {
        return switch (kind) {
            case DEPARTMENT, DEPARTMENT_MEMBERS -> "department";
            case ROLE -> "role";
            default -> "user";
        };
    }
}
