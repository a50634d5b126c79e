package dev.baton.engine;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NoticeTemplatesTest {
    static final Map<String, Object> MODEL = Map.of(
            "ticket", Map.of("title", "Three days off", "fields", Map.of("days", 3, "tags", List.of("a", "b"))),
            "recipient", Map.of("name", "Lena"));

    @Test
    void rendersTheTicketsVariablesWithConditionsAndLists() {
        assertThat(NoticeTemplates.render("${recipient.name}: ${ticket.title}<#if ticket.fields.days gt 2> (long)"
                + "</#if> [<#list ticket.fields.tags as t>${t}<#sep>,</#list>]", MODEL))
                .isEqualTo("Lena: Three days off (long) [a,b]");
    }

    @Test
    void aMissingVariableRendersAsNothing() {
        assertThat(NoticeTemplates.render("[${ticket.serialNo}] ${ticket.fields.nope}|", MODEL)).isEqualTo("[] |");
    }

    @Test
    void templatesCannotReachJavaClasses() {
        assertThatThrownBy(() -> NoticeTemplates.render(
                "<#assign ex = \"freemarker.template.utility.Execute\"?new()>${ex(\"id\")}", MODEL))
                .isInstanceOf(NoticeTemplates.RenderingException.class);
        assertThatThrownBy(() -> NoticeTemplates.render("${ticket?api.getClass()}", MODEL))
                .isInstanceOf(NoticeTemplates.RenderingException.class);
    }

    @Test
    void outputIsCapped() {
        assertThatThrownBy(() -> NoticeTemplates.render("<#list 1..100000 as i>0123456789</#list>", MODEL))
                .isInstanceOf(NoticeTemplates.RenderingException.class)
                .hasMessageContaining(String.valueOf(NoticeTemplates.MAX_OUTPUT));
    }

    @Test
    void syntaxProblemsAreReportedWithoutRendering() {
        assertThat(NoticeTemplates.problem("Hello ${ticket.title")).isPresent();
        assertThat(NoticeTemplates.problem("<#include \"/etc/passwd\">")).isEmpty();
        assertThatThrownBy(() -> NoticeTemplates.render("<#include \"/etc/passwd\">", MODEL))
                .isInstanceOf(NoticeTemplates.RenderingException.class);
        assertThat(NoticeTemplates.problem("Hello ${ticket.title}")).isEmpty();
    }
}
