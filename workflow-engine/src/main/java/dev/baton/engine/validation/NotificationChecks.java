package dev.baton.engine.validation;

import dev.baton.api.workflow.NoticeKind;
import dev.baton.api.workflow.NotificationTemplate;
import dev.baton.engine.NoticeTemplates;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static dev.baton.engine.validation.Keys.isBlank;

/** Notification templates: at most one per kind; a body, both body and subject within their size and valid FreeMarker. */
public final class NotificationChecks {
    private NotificationChecks() {
    }

    public static void templates(Draft draft) {
        List<NotificationTemplate> templates = draft.definition().notifications();
        Set<NoticeKind> kinds = EnumSet.noneOf(NoticeKind.class);
        for (int i = 0; i < templates.size(); i++) {
            NotificationTemplate template = templates.get(i);
            String where = "Notification template " + (i + 1);
            if (template == null || template.kind() == null) {
                draft.problem(where + " must name its kind, one of " + Arrays.toString(NoticeKind.values()));
                if (template == null) {
                    continue;
                }
            } else {
                where = "The " + template.kind() + " notification template";
                if (!kinds.add(template.kind())) {
                    draft.problem(where + " is given more than once");
                }
            }
            if (isBlank(template.body())) {
                draft.problem(where + " has no body");
            } else if (template.body().length() > NotificationTemplate.MAX_BODY) {
                draft.problem(where + "'s body is " + template.body().length() + " characters; at most "
                        + NotificationTemplate.MAX_BODY + " are allowed");
            } else {
                String named = where;
                NoticeTemplates.problem(template.body()).ifPresent(p -> draft.problem(
                        named + "'s body is not a valid template: " + p));
            }
            if (template.subject() != null && template.subject().length() > NotificationTemplate.MAX_SUBJECT) {
                draft.problem(where + "'s subject is " + template.subject().length() + " characters; at most "
                        + NotificationTemplate.MAX_SUBJECT + " are allowed");
            } else if (!isBlank(template.subject())) {
                String named = where;
                NoticeTemplates.problem(template.subject()).ifPresent(p -> draft.problem(
                        named + "'s subject is not a valid template: " + p));
            }
        }
    }
}
