package dev.baton.support.retry;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one back-off: exponential, capped, spread at random, and how many attempts fit before giving up. */
class BackoffTest {
    @Test
    void theDefaultForReceiversThatMayBeAwayForHoursWaitsAboutThirtySecondsDoublingUpToAnHourForADay() {
        Backoff hours = Backoff.or(null, Backoff.HOURS);
        List<Duration> nominal = new ArrayList<>();
        for (int failures = 1; failures <= 9; failures++) {
            nominal.add(hours.nominalDelay(failures));
        }
        assertThat(nominal).containsExactly(Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2),
                Duration.ofMinutes(4), Duration.ofMinutes(8), Duration.ofMinutes(16), Duration.ofMinutes(32),
                Duration.ofHours(1), Duration.ofHours(1));
        // 30 s + 1 + 2 + … + 32 min = 63.5 min, then 22 hourly retries fit in 24 h: 1 + 7 + 22 attempts
        assertThat(hours.attemptsInAll()).isEqualTo(30);
        Duration total = Duration.ZERO;
        for (int failures = 1; failures < hours.attemptsInAll(); failures++) {
            total = total.plus(hours.nominalDelay(failures));
        }
        assertThat(total).isLessThanOrEqualTo(Duration.ofHours(24)).isGreaterThan(Duration.ofHours(23));
    }

    @Test
    void eachWaitIsSpreadWithinItsJitterAndNeverPastTheLongestWait() {
        Backoff backoff = new Backoff(Duration.ofSeconds(30), 2.0, Duration.ofHours(1), 0.5, 10, null);
        for (int i = 0; i < 200; i++) {
            assertThat(backoff.delay(1)).isBetween(Duration.ofSeconds(15), Duration.ofSeconds(46));
            assertThat(backoff.delay(3)).isBetween(Duration.ofSeconds(60), Duration.ofSeconds(181));
            assertThat(backoff.delay(20)).isBetween(Duration.ofMinutes(30), Duration.ofHours(1));
        }
        assertThat(java.util.stream.IntStream.range(0, 50).mapToObj(i -> backoff.delay(2)).distinct().count())
                .as("spread at random").isGreaterThan(1);
    }

    @Test
    void setPartsOverrideTheRolesDefaultsAndAttemptsWinOverGiveUpAfter() {
        Backoff fast = Backoff.or(new Backoff(Duration.ofMillis(20), null, Duration.ofMillis(80), 0.0, 4, null),
                Backoff.HOURS);
        assertThat(fast.multiplier()).isEqualTo(2.0);
        assertThat(fast.attemptsInAll()).isEqualTo(4);
        assertThat(fast.delay(1)).isEqualTo(Duration.ofMillis(20));
        assertThat(fast.delay(5)).isEqualTo(Duration.ofMillis(80));
        Backoff hour = Backoff.or(new Backoff(null, null, null, null, null, Duration.ofHours(1)), Backoff.HOURS);
        // 30 s + 1 + 2 + 4 + 8 + 16 min = 31.5 min fit in an hour, the next 32 min do not: 1 + 6 attempts
        assertThat(hour.attemptsInAll()).isEqualTo(7);
    }

    @Test
    void aBackoffThatCannotWorkIsRefusedWithWhatWasExpected() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, null, null, null, null, null))
                .hasMessage("Expected a back-off's initial wait of at least 1 ms, but got PT0S");
        assertThatThrownBy(() -> new Backoff(null, 0.5, null, null, null, null))
                .hasMessage("Expected a back-off's multiplier of at least 1, but got 0.5");
        assertThatThrownBy(() -> new Backoff(null, null, null, 1.5, null, null))
                .hasMessage("Expected a back-off's jitter from 0 to 1, but got 1.5");
        assertThatThrownBy(() -> new Backoff(null, null, null, null, 0, null))
                .hasMessage("Expected a back-off of at least 1 attempt, but got 0");
    }

    @Test
    void retryCallsAgainWhileTheResultIsWorthAnotherTryAndTheAttemptsLast() {
        Backoff three = new Backoff(Duration.ofMillis(1), 1.0, Duration.ofMillis(1), 0.0, 3, null);
        AtomicInteger calls = new AtomicInteger();
        assertThat(three.retry(calls::incrementAndGet, n -> n < 2)).isEqualTo(2);
        assertThat(calls).hasValue(2);
        calls.set(0);
        assertThat(three.retry(calls::incrementAndGet, n -> true)).isEqualTo(3);
        assertThat(calls).hasValue(3);
    }
}
