package dev.baton.engine.validation;

import dev.baton.api.workflow.WorkflowDefinition;

import java.util.regex.Pattern;

import static dev.baton.engine.validation.Keys.KEY;
import static dev.baton.engine.validation.Keys.isBlank;

/**
 * The workflow itself: a well-formed key, a name, admins who are users of the directory, and a well-formed serial
 * prefix when it has its own.
 */
public final class WorkflowChecks {
    /** The shape of a serial prefix: an upper-case letter, then up to 15 upper-case letters or digits. */
    public static final Pattern SERIAL_PREFIX = Pattern.compile("[A-Z][A-Z0-9]{0,15}");

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

    public static void serialPrefix(Draft draft) {
        String prefix = draft.definition().serialPrefix();
        if (prefix != null && !SERIAL_PREFIX.matcher(prefix).matches()) {
            draft.problem("Serial prefix '" + prefix + "' must match " + SERIAL_PREFIX.pattern());
        }
    }
}
