package dev.baton.query.detail;

import dev.baton.api.workflow.FieldAccess;
import dev.baton.api.workflow.FieldDef;
import dev.baton.api.workflow.FieldType;
import dev.baton.api.workflow.StateDef;

import java.util.ArrayList;
import java.util.List;

/**
 * A field as the acting user sees it in the ticket's current state. A field is shown when the state does not hide
 * it; in a state that lists no field at all (typically an end state) every field is shown read-only. Required and
 * optional fields stay editable only for users who may handle the ticket now. A viewer admitted by the workflow's
 * view permission sees exactly the fields it lists, read-only.
 */
public record FieldView(String key, String label, FieldType type, List<String> options, Object value,
                        FieldAccess access) {

    public static List<FieldView> of(TicketView view, Actions actions) {
        StateDef state = view.definition().state(view.ticket().state().key()).orElse(null);
        boolean listsNone = state == null || state.fields().isEmpty();
        List<FieldView> fields = new ArrayList<>();
        for (FieldDef field : view.definition().fields()) {
            if (view.viewerOnly()) {
                if (view.definition().viewPermission().fields().contains(field.key())) {
                    fields.add(new FieldView(field.key(), field.label(), field.type(), field.options(),
                            view.ticket().fields().get(field.key()), FieldAccess.READ_ONLY));
                }
                continue;
            }
            FieldAccess access = listsNone ? FieldAccess.READ_ONLY : state.access(field.key());
            if (!access.visible()) {
                continue;
            }
            if (access.editable() && !actions.mayHandle()) {
                access = FieldAccess.READ_ONLY;
            }
            fields.add(new FieldView(field.key(), field.label(), field.type(), field.options(),
                    view.ticket().fields().get(field.key()), access));
        }
        return fields;
    }
}
