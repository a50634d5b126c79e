package dev.baton.support.retry;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** One breaker per target: a failing target is left alone, the others are not, and a probe closes it again. */
class BreakersTest {
    static final Breakers.Target DEAD = new Breakers.Target("https://robot.example/dead", "ops-robot");
    static final Breakers.Target HEALTHY = new Breakers.Target("https://robot.example/ok", "hr-robot");

    @Test
    void aTargetThatKeepsFailingIsHeldBackWhileOthersAreNotAndAProbeThatSucceedsLetsItsWorkOut() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        Breakers breakers = new Breakers("notifications", new Breakers.Settings(50, 4, 4, Duration.ofMillis(50), 1),
                meters);
        for (int i = 0; i < 4; i++) {
            assertThat(breakers.permits(DEAD)).isTrue();
            breakers.failed(DEAD, Duration.ofMillis(5), "HTTP 503");
            assertThat(breakers.permits(HEALTHY)).isTrue();
            breakers.succeeded(HEALTHY, Duration.ofMillis(5));
        }

        assertThat(breakers.permits(DEAD)).as("open: not called").isFalse();
        assertThat(breakers.permits(HEALTHY)).isTrue();
        breakers.succeeded(HEALTHY, Duration.ofMillis(5));
        assertThat(breakers.open()).isEqualTo(1);
        assertThat(meters.get("baton.breakers.open").tag("role", "notifications").gauge().value()).isEqualTo(1.0);

        Thread.sleep(60); // past open-for
        assertThat(breakers.permits(DEAD)).as("one probe").isTrue();
        assertThat(breakers.permits(DEAD)).as("only one").isFalse();
        breakers.succeeded(DEAD, Duration.ofMillis(5));
        assertThat(breakers.permits(DEAD)).as("closed again").isTrue();
        assertThat(breakers.open()).isZero();
    }
}
