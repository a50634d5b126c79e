package dev.baton.api.trace;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TraceParentTest {
    static final String VALID = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void readsAndWritesAVersion00Header() {
        TraceParent trace = TraceParent.parse(VALID).orElseThrow();
        assertThat(trace.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(trace.parentId()).isEqualTo("00f067aa0ba902b7");
        assertThat(trace.sampled()).isTrue();
        assertThat(trace.toString()).isEqualTo(VALID);
        assertThat(TraceParent.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00").orElseThrow()
                .sampled()).isFalse();
    }

    @Test
    void ignoresWhatTheRecommendationSaysToIgnore() {
        assertThat(TraceParent.parse(null)).isEmpty();
        assertThat(TraceParent.parse("")).isEmpty();
        assertThat(TraceParent.parse(VALID.toUpperCase())).as("upper-case hex").isEmpty();
        assertThat(TraceParent.parse("00-" + "0".repeat(32) + "-00f067aa0ba902b7-01")).as("zero trace").isEmpty();
        assertThat(TraceParent.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-" + "0".repeat(16) + "-01"))
                .as("zero parent").isEmpty();
        assertThat(TraceParent.parse("ff" + VALID.substring(2))).as("version ff").isEmpty();
        assertThat(TraceParent.parse(VALID + "-extra")).isEmpty();
        assertThat(TraceParent.parse(VALID.replace('-', '_'))).isEmpty();
        assertThat(TraceParent.parse("00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-011")).isEmpty();
    }

    @Test
    void aChildKeepsTheTraceAndItsFlagsWithASpanOfItsOwn() {
        TraceParent parent = TraceParent.parse(VALID).orElseThrow();
        Set<String> spans = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            TraceParent child = parent.child();
            assertThat(child.traceId()).isEqualTo(parent.traceId());
            assertThat(child.flags()).isEqualTo(parent.flags());
            assertThat(child.parentId()).isNotEqualTo(parent.parentId()).matches("[0-9a-f]{16}");
            spans.add(child.parentId());
        }
        assertThat(spans).hasSize(100);
    }

    @Test
    void refusesToBuildAnInvalidOne() {
        assertThatThrownBy(() -> new TraceParent("0".repeat(32), "00f067aa0ba902b7", 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TraceParent("4bf92f3577b34da6a3ce929d0e0e4736", "xyz", 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TraceParent("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", 256))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
