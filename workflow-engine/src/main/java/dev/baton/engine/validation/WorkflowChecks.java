package dev.baton.engine.validation;

import dev.baton.api.workflow.WorkflowDefinition;

import static dev.baton.engine.validation.Keys.KEY;
import static dev.baton.engine.validation.Keys.isBlank;

/** The workflow itself: a well-formed key, a name, and admins who are users of the directory. */
public final class WorkflowChecks {
    private WorkflowChecks() {
    }

    public static void keyAndName(Draft draft) {
        WorkflowDefinition def = draft.definition();
        if (isBlank(def.key())) {
            draft.problem("The workflow has no key");
        } else if (!KEY.matcher(def.key()).matches()) {
            draft.problem("Workflow key '" + def.key() + "' must match " + KEY.pattern());
        }
        if (isBlank(def.name())) {
            draft.problem("The workflow has no name");
        }
    }

    public static void admins(Draft draft) {
        if (draft.directory() == null) {
            return;
        }
        for (String admin : draft.definition().admins()) {
            if (draft.directory().user(admin).isEmpty()) {
                draft.problem("Admin '" + admin + "' is not a user in the directory");
            }
        }
    }
}
