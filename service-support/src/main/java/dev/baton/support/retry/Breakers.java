package dev.baton.support.retry;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One circuit breaker per target (a robot's URL, a webhook, an SMTP server, a hook's URL), so that a target that keeps
 * failing is left alone for a while instead of being called for every piece of work that waits for it, and the work
 * for other targets goes on. A breaker opens when at least half ({@code failureRate}) of the last {@code window} calls
 * to its target failed (once {@code minimumCalls} were made); while open, {@link #permits} says no, and the caller
 * defers the work without calling and without spending an attempt. After {@code openFor} one call ({@code probes})
 * goes through: its success closes the breaker, its failure opens it again. Resilience4j's {@link CircuitBreaker}.
 * The gauge {@code baton.breakers.open} (tag {@code role}) counts the open breakers of a role.
 */
public final class Breakers {
    private static final Logger log = LoggerFactory.getLogger(Breakers.class);

    /**
     * A role's breaker settings ({@code baton.<role>.breaker.*}).
     *
     * @param failureRate  percentage of failed calls that opens the breaker (default 50)
     * @param window       how many of the latest calls count (default 10)
     * @param minimumCalls calls to make before the rate counts (default 5)
     * @param openFor      how long an open breaker refuses calls before it lets a probe through (default 1 min)
     * @param probes       calls let through to probe a target that was failing (default 1)
     */
    public record Settings(Integer failureRate, Integer window, Integer minimumCalls, Duration openFor, Integer probes) {
        public Settings {
            failureRate = failureRate == null ? 50 : failureRate;
            window = window == null ? 10 : window;
            minimumCalls = minimumCalls == null ? 5 : minimumCalls;
            openFor = openFor == null ? Duration.ofMinutes(1) : openFor;
            probes = probes == null ? 1 : probes;
            if (failureRate < 1 || failureRate > 100) {
                throw new IllegalArgumentException("Expected a breaker's failure-rate from 1 to 100, but got "
                        + failureRate);
            }
            if (window < 1 || minimumCalls < 1 || probes < 1) {
                throw new IllegalArgumentException("Expected a breaker's window, minimum-calls and probes to be at "
                        + "least 1, but got " + window + ", " + minimumCalls + " and " + probes);
            }
            if (openFor.toMillis() < 1) {
                throw new IllegalArgumentException("Expected a breaker's open-for of at least 1 ms, but got " + openFor);
            }
        }

        public static Settings defaults() {
            return new Settings(null, null, null, null, null);
        }
    }

    /** A target: the key its breaker is known by, and how logs name it (never a URL's token). */
    public record Target(String key, String label) {
    }

    private final String role;
    private final Settings settings;
    private final CircuitBreakerRegistry registry;
    private final Map<String, CircuitBreaker> byKey = new ConcurrentHashMap<>();

    public Breakers(String role, Settings settings, MeterRegistry meters) {
        this.role = role;
        this.settings = settings == null ? Settings.defaults() : settings;
        this.registry = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(this.settings.window())
                .minimumNumberOfCalls(Math.min(this.settings.minimumCalls(), this.settings.window()))
                .failureRateThreshold(this.settings.failureRate())
                .waitDurationInOpenState(this.settings.openFor())
                .permittedNumberOfCallsInHalfOpenState(this.settings.probes())
                .recordExceptions(Throwable.class)
                .build());
        Gauge.builder("baton.breakers.open", this, Breakers::open)
                .description("Targets whose circuit breaker is open: their work waits without calling them")
                .tag("role", role).register(meters);
    }

    /** How long an open breaker refuses calls: when work deferred by it is worth claiming again. */
    public Duration openFor() {
        return settings.openFor();
    }

    /**
     * Whether a call to {@code target} may go out now; when it may, the caller must report its end with
     * {@link #succeeded} or {@link #failed}.
     */
    public boolean permits(Target target) {
        return breaker(target).tryAcquirePermission();
    }

    /** The permitted call to {@code target} reached it (whatever it answered, it answered). */
    public void succeeded(Target target, Duration took) {
        breaker(target).onSuccess(took.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** The permitted call to {@code target} failed in a way another try may mend: no answer, a time-out, a 5xx. */
    public void failed(Target target, Duration took, String why) {
        breaker(target).onError(took.toNanos(), TimeUnit.NANOSECONDS, new TargetFailed(why));
    }

    /** The number of open breakers (half-open ones included: they still hold most calls back). */
    public int open() {
        int open = 0;
        for (CircuitBreaker breaker : byKey.values()) {
            CircuitBreaker.State state = breaker.getState();
            if (state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.HALF_OPEN) {
                open++;
            }
        }
        return open;
    }

    /** Whether {@code target}'s breaker holds calls back now. */
    public boolean isOpen(Target target) {
        CircuitBreaker breaker = byKey.get(target.key());
        return breaker != null && breaker.getState() != CircuitBreaker.State.CLOSED;
    }

    private CircuitBreaker breaker(Target target) {
        return byKey.computeIfAbsent(target.key(), key -> {
            CircuitBreaker breaker = registry.circuitBreaker(key);
            breaker.getEventPublisher().onStateTransition(event -> {
                switch (event.getStateTransition().getToState()) {
                    case OPEN -> log.warn("{} target {} keeps failing: its work waits {} before a probe", role,
                            target.label(), settings.openFor());
                    case CLOSED -> log.info("{} target {} answers again: its work goes out", role, target.label());
                    default -> log.debug("{} target {}: {}", role, target.label(), event.getStateTransition());
                }
            });
            return breaker;
        });
    }

    /** Why a call failed, for the breaker's count; never thrown. */
    private static final class TargetFailed extends RuntimeException {
        TargetFailed(String why) {
            super(why, null, false, false);
        }
    }
}
