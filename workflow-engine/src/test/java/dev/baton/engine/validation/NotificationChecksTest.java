package dev.baton.engine.validation;

import dev.baton.api.workflow.WorkflowDefinition;
import org.junit.jupiter.api.Test;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Notification templates. */
class NotificationChecksTest extends DefinitionVariants {
    @Test
    void notificationTemplatesMustParseAndNameEachKindOnce() {
        var kind = dev.baton.api.workflow.NoticeKind.class;
        WorkflowDefinition good = withTemplates(List.of(new dev.baton.api.workflow.NotificationTemplate(
                dev.baton.api.workflow.NoticeKind.NEW_TODO, "[${ticket.serialNo}] ${ticket.title}",
                "<#if ticket.fields.days gt 3>Long leave: </#if>${ticket.title} waits for you")));
        assertThat(problems(good)).isEmpty();
        WorkflowDefinition bad = withTemplates(List.of(
                new dev.baton.api.workflow.NotificationTemplate(dev.baton.api.workflow.NoticeKind.ENDED, null,
                        "Done: ${ticket.title"),
                new dev.baton.api.workflow.NotificationTemplate(dev.baton.api.workflow.NoticeKind.ENDED, "x".repeat(501),
                        "ok"),
                new dev.baton.api.workflow.NotificationTemplate(null, null, "ok"),
                new dev.baton.api.workflow.NotificationTemplate(dev.baton.api.workflow.NoticeKind.CC, "<#if>", " ")));
        assertThat(problems(bad)).hasSize(6);
        assertThat(problems(bad).get(0)).startsWith("The ENDED notification template's body is not a valid template:");
        assertThat(problems(bad).subList(1, 5)).containsExactly(
                "The ENDED notification template is given more than once",
                "The ENDED notification template's subject is 501 characters; at most 500 are allowed",
                "Notification template 3 must name its kind, one of " + java.util.Arrays.toString(kind.getEnumConstants()),
                "The CC notification template has no body");
        assertThat(problems(bad).get(5)).startsWith("The CC notification template's subject is not a valid template:");
    }
}
