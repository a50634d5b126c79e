package dev.baton.support.logging;

import dev.baton.api.trace.TraceParent;
import dev.baton.support.auth.Caller;
import org.slf4j.MDC;
import org.springframework.web.server.ServerWebExchange;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a log line written while working on a ticket names: its {@value #TICKET_ID}, {@value #WORKFLOW},
 * {@value #APP} and {@value #USER} where known, and the {@value #TRACE_ID} of the W3C trace it belongs to, as MDC
 * entries. Structured logs (ECS or Logstash JSON, {@code logging.structured.format.console}) write them as fields
 * of every line; the plain-text format leaves them out.
 * <pre>{@code
 * try (TicketLog.Scope ignored = TicketLog.of(ticketId).app(appId).user(user).trace(traceparent).open()) {
 *     ...
 * }
 * }</pre>
 */
public final class TicketLog {
    public static final String TICKET_ID = "ticketId";
    public static final String WORKFLOW = "workflow";
    public static final String APP = "app";
    public static final String USER = "user";
    public static final String TRACE_ID = "traceId";

    private static final Pattern TICKET_PATH = Pattern.compile("/tickets/([A-Za-z0-9-]{1,64})(?:/.*)?");

    private final Map<String, String> entries = new LinkedHashMap<>();

    private TicketLog() {
    }

    public static TicketLog of(String ticketId) {
        return new TicketLog().with(TICKET_ID, ticketId);
    }

    /**
     * What a request names: the ticket of a {@code /tickets/{id}/...} path, the caller application and user once
     * authenticated, and the trace of its {@code traceparent} header.
     */
    public static TicketLog of(ServerWebExchange exchange) {
        Matcher ticket = TICKET_PATH.matcher(exchange.getRequest().getPath().pathWithinApplication().value());
        Optional<Caller> caller = Caller.find(exchange);
        return of(ticket.matches() ? ticket.group(1) : null)
                .app(caller.map(c -> c.app().appId()).orElse(null)).user(caller.map(Caller::user).orElse(null))
                .trace(exchange.getRequest().getHeaders().getFirst(TraceParent.HEADER));
    }

    public TicketLog workflow(String workflow) {
        return with(WORKFLOW, workflow);
    }

    public TicketLog app(String app) {
        return with(APP, app);
    }

    public TicketLog user(String user) {
        return with(USER, user);
    }

    /** The trace id of a {@code traceparent} value (null or invalid: none). */
    public TicketLog trace(String traceparent) {
        return with(TRACE_ID, TraceParent.parse(traceparent).map(TraceParent::traceId).orElse(null));
    }

    private TicketLog with(String key, String value) {
        if (value != null && !value.isEmpty()) {
            entries.put(key, value);
        }
        return this;
    }

    /** Puts the entries into this thread's MDC until the scope is closed, which restores what was there before. */
    public Scope open() {
        Map<String, String> before = new LinkedHashMap<>();
        entries.forEach((key, value) -> {
            before.put(key, MDC.get(key));
            MDC.put(key, value);
        });
        return () -> before.forEach((key, value) -> {
            if (value == null) {
                MDC.remove(key);
            } else {
                MDC.put(key, value);
            }
        });
    }

    /** Closing it takes the entries out of the MDC again. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
