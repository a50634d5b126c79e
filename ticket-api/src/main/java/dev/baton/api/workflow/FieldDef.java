package dev.baton.api.workflow;

import java.util.List;

/**
 * A custom field of a workflow.
 *
 * @param key     stable identifier, used in requests, conditions and events
 * @param label   what people see
 * @param type    the value's type
 * @param options the allowed values of a choice field (empty otherwise)
 */
public record FieldDef(String key, String label, FieldType type, List<String> options) {
    public FieldDef {
        options = Entries.list("a field's options", options);
    }
}
