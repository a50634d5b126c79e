package dev.baton.support.trace;

import dev.baton.api.trace.TraceParent;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.TracingObservationHandler;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.server.ServerWebExchange;

import java.util.Optional;

/**
 * Where a service's work joins the W3C trace it was asked in ({@link TraceParent}), through Micrometer Tracing.
 * <ul>
 *   <li>An HTTP request's trace is its server span (Spring's observation continues the caller's {@code traceparent}
 *       header): it travels on only when the caller sent one or the span is sampled
 *       ({@code management.tracing.sampling.probability}, 0 by default), so untraced work stores nothing extra.</li>
 *   <li>Work done for a record that carries a trace is a span that is its child ({@link #start}), such as
 *       ticket-query's share of projecting a batch.</li>
 * </ul>
 * Hops made outside a span (a webhook send, a hook call, a command sent back) carry {@link TraceParent#child()}: a
 * new span id of their own in the same trace, whether tracing is on or off.
 */
public class Traces {
    private final Tracer tracer;

    public Traces(Tracer tracer) {
        this.tracer = tracer;
    }

    /** The trace an HTTP request's work continues, if it is to travel on (see the class comment). */
    public Optional<TraceParent> of(ServerWebExchange exchange) {
        Optional<TraceParent> sent = TraceParent.parse(exchange.getRequest().getHeaders().getFirst(TraceParent.HEADER));
        Optional<TraceParent> server = ServerRequestObservationContext.findCurrent(exchange.getAttributes())
                .map(context -> context.<TracingObservationHandler.TracingContext>get(
                        TracingObservationHandler.TracingContext.class))
                .map(TracingObservationHandler.TracingContext::getSpan)
                .flatMap(span -> asTraceParent(span.context()));
        if (server.isPresent() && (sent.isPresent() || server.get().sampled())) {
            return server;
        }
        return sent.map(TraceParent::child);
    }

    /** A span of work that ends when closed. */
    public interface Hop extends AutoCloseable {
        Hop NONE = () -> {
        };

        @Override
        void close();
    }

    /**
     * Starts a span named {@code name}, child of the W3C {@code trace} a record carried (null or invalid: nothing),
     * for work that ends when the returned hop is closed, such as one batch's share of a projection.
     */
    public Hop start(String trace, String name) {
        Optional<TraceParent> parent = TraceParent.parse(trace);
        if (parent.isEmpty()) {
            return Hop.NONE;
        }
        TraceContext context = tracer.traceContextBuilder().traceId(parent.get().traceId())
                .spanId(parent.get().parentId()).sampled(parent.get().sampled()).build();
        Span span = tracer.spanBuilder().setParent(context).name(name).start();
        return span::end;
    }

    private static Optional<TraceParent> asTraceParent(TraceContext context) {
        if (context == null) {
            return Optional.empty();
        }
        Boolean sampled = context.sampled();
        return TraceParent.parse("00-" + context.traceId() + "-" + context.spanId() + "-"
                + (Boolean.TRUE.equals(sampled) ? "01" : "00"));
    }
}
