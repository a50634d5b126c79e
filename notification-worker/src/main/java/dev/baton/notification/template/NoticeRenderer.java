package dev.baton.notification.template;

import dev.baton.api.workflow.NoticeKind;
import dev.baton.api.workflow.NotificationTemplate;
import dev.baton.api.workflow.WorkflowDefinition;
import dev.baton.engine.NoticeTemplates;
import dev.baton.notification.NotificationProperties;
import dev.baton.notification.recipient.Notice;
import dev.baton.notification.recipient.Recipient;
import dev.baton.notification.summary.TicketSummary;
import dev.baton.support.kafka.TicketEventCodec.Envelope;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Words a notice for one recipient: the workflow's template of the notice's kind, else Baton's default
 * ({@link Wording}, in the deployment's language), over the variables {@code ticket.*}, {@code event.*} and {@code recipient.*}. A
 * workflow template that fails to render (an expression over a field of another type, say) falls back to the default
 * wording, so the notice is still sent; the failure is logged and counted ({@code baton.notifications.template.errors}).
 */
@Component
public class NoticeRenderer {
    private static final Logger log = LoggerFactory.getLogger(NoticeRenderer.class);

    private final String ticketUrl;
    private final Wording wording;
    private final MeterRegistry metrics;

    public NoticeRenderer(NotificationProperties properties, MeterRegistry metrics) {
        this.ticketUrl = properties.ticketUrl();
        this.wording = new Wording(properties.language());
        this.metrics = metrics;
    }

    /** A subject (one line) and a body. */
    public record Rendered(String subject, String body) {
    }

    public Rendered render(Envelope envelope, Notice notice, TicketSummary ticket, Recipient recipient,
                           Function<String, String> nameOf, Optional<WorkflowDefinition> workflow) {
        Map<String, Object> model = model(envelope, notice, ticket, recipient, nameOf);
        NoticeKind kind = notice.reason().kind();
        Optional<NotificationTemplate> own = workflow.flatMap(w -> w.template(kind));
        if (own.isPresent()) {
            try {
                String subject = own.get().subject() == null || own.get().subject().isBlank()
                        ? wording.subject(kind) : own.get().subject();
                return new Rendered(oneLine(NoticeTemplates.render(subject, model)),
                        NoticeTemplates.render(own.get().body(), model));
            } catch (NoticeTemplates.RenderingException e) {
                metrics.counter("baton.notifications.template.errors").increment();
                log.warn("The {} template of workflow {} failed for ticket {} ({}); using the default wording",
                        kind, ticket.workflowKey(), ticket.ticketId(), e.getMessage());
            }
        }
        return new Rendered(oneLine(NoticeTemplates.render(wording.subject(kind), model)),
                NoticeTemplates.render(wording.body(kind), model));
    }

    Map<String, Object> model(Envelope envelope, Notice notice, TicketSummary ticket, Recipient recipient,
                              Function<String, String> nameOf) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("id", ticket.ticketId());
        put(t, "serialNo", ticket.serialNo());
        put(t, "title", ticket.title());
        put(t, "workflowKey", ticket.workflowKey());
        put(t, "workflowName", ticket.workflowName());
        String stateName = notice.state() != null ? notice.state().name() : ticket.stateName();
        String stateKey = notice.state() != null ? notice.state().key() : ticket.stateKey();
        put(t, "state", stateName);
        put(t, "stateKey", stateKey);
        put(t, "status", ticket.status());
        put(t, "creator", ticket.creator());
        put(t, "creatorName", ticket.creator() == null ? null : nameOf.apply(ticket.creator()));
        t.put("fields", simple(ticket.fields()));
        put(t, "url", ticketUrl == null ? null : ticketUrl.replace("{id}", ticket.ticketId()));

        var event = envelope.event();
        Map<String, Object> e = new LinkedHashMap<>();
        put(e, "id", envelope.eventId());
        put(e, "type", envelope.type());
        e.put("kind", notice.reason().kind().name());
        e.put("reason", notice.reason().name());
        e.put("headline", wording.headline(notice.reason()));
        e.put("action", wording.action(notice.action()));
        e.put("actionKey", notice.action().key());
        put(e, "actor", event.actor());
        put(e, "actorName", event.actor() == null ? null : nameOf.apply(event.actor()));
        put(e, "at", event.at() == null ? null : event.at().toString());
        put(e, "comment", notice.comment());

        Map<String, Object> r = new LinkedHashMap<>();
        r.put("username", recipient.username());
        r.put("name", recipient.displayName());
        return Map.of("ticket", t, "event", e, "recipient", r);
    }

    private static void put(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    /** Field values as the templates may see them: maps, lists, strings, numbers and booleans only. */
    @SuppressWarnings("unchecked")
    static Object simple(Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                Object simple = simple(v);
                if (simple != null) {
                    copy.put(String.valueOf(k), simple);
                }
            });
            return copy;
        }
        if (value instanceof Iterable<?> list) {
            java.util.List<Object> copy = new java.util.ArrayList<>();
            list.forEach(v -> copy.add(v == null ? "" : simple(v)));
            return copy;
        }
        return value.toString();
    }

    private static String oneLine(String text) {
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() > NotificationTemplate.MAX_SUBJECT
                ? line.substring(0, NotificationTemplate.MAX_SUBJECT - 1) + "…" : line;
    }
}
