package dev.baton.notification.template;

import dev.baton.api.ticket.Assignment;
import dev.baton.api.ticket.StateRef;
import dev.baton.api.ticket.TicketStatus;
import dev.baton.api.ticket.TransitionRef;
import dev.baton.api.ticket.event.TicketHandled;
import dev.baton.api.ticket.event.TicketTransferred;
import dev.baton.api.workflow.Distribution;
import dev.baton.api.workflow.NoticeKind;
import dev.baton.api.workflow.NotificationTemplate;
import dev.baton.api.workflow.StateType;
import dev.baton.api.workflow.TransitionKind;
import dev.baton.api.workflow.WorkflowDefinition;
import dev.baton.notification.NotificationProperties;
import dev.baton.notification.recipient.Notice;
import dev.baton.notification.recipient.NotificationRules;
import dev.baton.notification.recipient.Recipient;
import dev.baton.notification.summary.TicketSummary;
import dev.baton.support.kafka.TicketEventCodec.Envelope;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NoticeRendererTest {
    static final Instant AT = Instant.parse("2025-03-01T09:00:00Z");
    static final StateRef REVIEW = new StateRef("review", "部门审批", StateType.NORMAL);
    static final TicketSummary TICKET = new TicketSummary("t1", "LR-7", "年假", "leave", 1, "请假申请", "alice",
            "review", "部门审批", "IN_PROGRESS", Map.of("days", 3), List.of("lena"), List.of("alice"), false);
    static final Recipient LENA = new Recipient("lena", "李娜", "lena@example.com");
    static final Map<String, String> NAMES = Map.of("alice", "Alice", "lena", "李娜");

    static NoticeRenderer renderer(String language, SimpleMeterRegistry meters) {
        return new NoticeRenderer(new NotificationProperties(null, null, null, null, null,
                "https://desk.example.com/t/{id}", null, null, null, null, null, language, null, null, null), meters);
    }

    static Envelope handled() {
        return new Envelope("e1", "dev.baton.ticket.TicketHandled.v1", 1, new TicketHandled("t1", "alice", AT,
                new TransitionRef("submit", "提交", TransitionKind.AGREE), null, REVIEW, Map.of(), "请批准",
                Assignment.of(Distribution.ANY_ONE, List.of("lena")), TicketStatus.IN_PROGRESS));
    }

    static Notice notice(Envelope envelope) {
        return NotificationRules.noticesFor(envelope.event(), TICKET, List.of()).get(0);
    }

    @Test
    void theDefaultWordingIsEnglishWithALink() {
        NoticeRenderer.Rendered text = renderer(null, new SimpleMeterRegistry())
                .render(handled(), notice(handled()), TICKET, LENA, NAMES::get, Optional.empty());

        assertThat(text.subject()).isEqualTo("[LR-7] 年假: Waiting for you");
        assertThat(text.body()).isEqualTo("李娜, 请假申请 \"年假\" (LR-7) waits for you at 部门审批 (waiting for you).\n"
                + "Alice: 提交 – 请批准\nhttps://desk.example.com/t/t1");
    }

    @Test
    void aChineseDeploymentGetsChineseDefaultWordingAndBuiltInActionNames() {
        NoticeRenderer renderer = renderer("zh", new SimpleMeterRegistry());
        NoticeRenderer.Rendered text = renderer.render(handled(), notice(handled()), TICKET, LENA, NAMES::get,
                Optional.empty());

        assertThat(text.subject()).isEqualTo("[LR-7] 年假：待您处理");
        assertThat(text.body()).isEqualTo("李娜，请假申请「年假」（LR-7）待您处理，当前环节：部门审批。\n"
                + "Alice：提交 – 请批准\nhttps://desk.example.com/t/t1");

        Envelope transferred = new Envelope("e2", "dev.baton.ticket.TicketTransferred.v1", 2,
                new TicketTransferred("t1", "alice", AT, "lena", null, Assignment.of(Distribution.ANY_ONE,
                        List.of("lena"))));
        assertThat(renderer.render(transferred, notice(transferred), TICKET, LENA, NAMES::get, Optional.empty())
                .body()).contains("转交给您").contains("Alice：转交");
    }

    @Test
    void aWorkflowsOwnTemplateWinsAndOneThatFailsFallsBackToTheDefaultCounted() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        WorkflowDefinition own = new WorkflowDefinition("leave", "请假申请", null, false, List.of(), List.of(),
                List.of(), List.of(), null, null, false, List.of(), List.of(
                new NotificationTemplate(NoticeKind.NEW_TODO, null, "${ticket.fields.days}天：${ticket.title}")));
        NoticeRenderer renderer = renderer("zh", meters);

        NoticeRenderer.Rendered text = renderer.render(handled(), notice(handled()), TICKET, LENA, NAMES::get,
                Optional.of(own));
        assertThat(text.subject()).as("a blank subject is the default one").isEqualTo("[LR-7] 年假：待您处理");
        assertThat(text.body()).isEqualTo("3天：年假");

        WorkflowDefinition broken = new WorkflowDefinition("leave", "请假申请", null, false, List.of(), List.of(),
                List.of(), List.of(), null, null, false, List.of(), List.of(
                new NotificationTemplate(NoticeKind.NEW_TODO, "x", "${ticket.title * 2}")));
        assertThat(renderer.render(handled(), notice(handled()), TICKET, LENA, NAMES::get, Optional.of(broken))
                .body()).startsWith("李娜，请假申请「年假」");
        assertThat(meters.counter("baton.notifications.template.errors").count()).isEqualTo(1);
    }

    @Test
    void everyReasonHasAHeadlineInEveryLanguage() {
        for (String language : Wording.LANGUAGES) {
            Wording wording = new Wording(language);
            assertThat(java.util.stream.Stream.of(dev.baton.notification.recipient.Reason.values())
                    .map(wording::headline)).as(language).doesNotContainNull();
        }
    }

    @Test
    void anUnknownLanguageIsRefusedAtStart() {
        assertThatThrownBy(() -> renderer("fr", new SimpleMeterRegistry()))
                .hasMessageContaining("baton.notification.language");
    }
}
