package dev.baton.engine.validation;

import dev.baton.api.workflow.FieldAccess;
import dev.baton.api.workflow.FieldDef;
import dev.baton.api.workflow.FieldType;
import dev.baton.api.workflow.StateDef;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static dev.baton.engine.validation.Keys.isBlank;

/** Custom fields: unique well-formed keys, a type, options exactly on choice fields; states naming known fields. */
public final class FieldChecks {
    private static final Set<FieldType> CHOICES = EnumSet.of(FieldType.SINGLE_CHOICE, FieldType.MULTI_CHOICE);

    private FieldChecks() {
    }

    /** Checks the declared fields and records them by key for the other checkers. */
    public static void declare(Draft draft) {
        for (FieldDef field : draft.definition().fields()) {
            Keys.check(draft, "Field", field.key());
            if (!isBlank(field.key()) && draft.fields.putIfAbsent(field.key(), field) != null) {
                draft.problem("Field key '" + field.key() + "' is used more than once");
            }
            if (field.type() == null) {
                draft.problem("Field '" + field.key() + "' has no type");
            } else if (CHOICES.contains(field.type())) {
                if (field.options().isEmpty()) {
                    draft.problem("Choice field '" + field.key() + "' has no options");
                }
                Set<String> seen = new HashSet<>();
                for (String option : field.options()) {
                    if (isBlank(option)) {
                        draft.problem("Choice field '" + field.key() + "' has a blank option");
                    } else if (!seen.add(option)) {
                        draft.problem("Choice field '" + field.key() + "' lists option '" + option
                                + "' more than once");
                    }
                }
            } else if (!field.options().isEmpty()) {
                draft.problem("Field '" + field.key() + "' of type " + field.type()
                        + " must not have options; only choice fields do");
            }
        }
    }

    /** The fields a state grants access to exist. */
    public static void stateAccess(Draft draft, StateDef state) {
        for (Map.Entry<String, FieldAccess> access : state.fields().entrySet().stream()
                .sorted(Map.Entry.comparingByKey()).toList()) {
            if (!draft.knowsField(access.getKey())) {
                draft.problem("State '" + state.key() + "' names unknown field '" + access.getKey() + "'");
            }
        }
    }
}
