package dev.baton.engine.validation;

import dev.baton.api.workflow.StartPermission;
import dev.baton.api.workflow.ViewPermission;
import dev.baton.api.workflow.WorkflowDefinition;
import dev.baton.engine.DirectoryView;

import java.util.List;

/**
 * Who may start and who may view tickets: a rate limit of at least one ticket in one hour to a year; viewers who see
 * known fields, on a workflow that restricts viewing; every user, department and role named exists in the directory.
 */
public final class PermissionChecks {
    private PermissionChecks() {
    }

    public static void start(Draft draft) {
        StartPermission permission = draft.definition().startPermission();
        if (permission == null) {
            return;
        }
        StartPermission.RateLimit limit = permission.rateLimit();
        if (limit != null && (limit.tickets() < 1 || limit.perHours() < 1 || limit.perHours() > 24 * 366)) {
            draft.problem("The start permission's rate limit allows " + limit.tickets() + " tickets per "
                    + limit.perHours() + " hours; it needs at least 1 ticket per 1 to 8784 hours");
        }
        audience(draft, "start", permission.users(), permission.departments(), permission.roles());
    }

    public static void view(Draft draft) {
        WorkflowDefinition def = draft.definition();
        ViewPermission permission = def.viewPermission();
        if (permission == null) {
            return;
        }
        if (!def.restrictView()) {
            draft.problem("The workflow has a view permission but does not restrict viewing; everyone may read it");
        }
        permission.fields().stream().filter(f -> !draft.knowsField(f))
                .forEach(f -> draft.problem("The view permission shows unknown field '" + f + "'"));
        audience(draft, "view", permission.users(), permission.departments(), permission.roles());
    }

    /** The users, departments and roles a start or view permission names exist in the directory, when there is one. */
    private static void audience(Draft draft, String kind, List<String> users, List<String> departments,
                                 List<String> roles) {
        DirectoryView dir = draft.directory();
        if (dir == null) {
            return;
        }
        String prefix = "The " + kind + " permission names unknown ";
        users.stream().filter(u -> dir.user(u).isEmpty()).forEach(u -> draft.problem(prefix + "user '" + u + "'"));
        departments.stream().filter(d -> dir.department(d).isEmpty())
                .forEach(d -> draft.problem(prefix + "department '" + d + "'"));
        roles.stream().filter(r -> !dir.hasRole(r)).forEach(r -> draft.problem(prefix + "role '" + r + "'"));
    }
}
