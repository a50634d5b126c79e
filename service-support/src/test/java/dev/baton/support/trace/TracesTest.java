package dev.baton.support.trace;

import io.micrometer.tracing.test.simple.SimpleSpan;
import io.micrometer.tracing.test.simple.SimpleTracer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TracesTest {
    static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

    @Test
    void aRecordsTraceGetsAChildSpanThatEndsWhenTheWorkDoes() {
        SimpleTracer tracer = new SimpleTracer();
        Traces traces = new Traces(tracer);

        Traces.Hop hop = traces.start("00-" + TRACE + "-00f067aa0ba902b7-01", "project TicketHandled");
        assertThat(tracer.getSpans()).singleElement().satisfies(span -> assertThat(span.getEndTimestamp().toEpochMilli())
                .as("not ended yet").isZero());
        hop.close();

        SimpleSpan span = tracer.onlySpan();
        assertThat(span.getName()).isEqualTo("project TicketHandled");
        assertThat(span.context().traceId()).isEqualTo(TRACE);
        assertThat(span.context().parentId()).isEqualTo("00f067aa0ba902b7");
        assertThat(span.context().spanId()).isNotEqualTo("00f067aa0ba902b7");
        assertThat(span.getEndTimestamp().toEpochMilli()).isPositive();
    }

    @Test
    void aRecordWithoutAValidTraceGetsNoSpan() {
        SimpleTracer tracer = new SimpleTracer();
        Traces traces = new Traces(tracer);
        traces.start(null, "project").close();
        traces.start("00-" + "0".repeat(32) + "-00f067aa0ba902b7-01", "project").close();
        traces.start("not a traceparent", "project").close();
        assertThat(tracer.getSpans()).isEmpty();
    }
}
