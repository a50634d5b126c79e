package dev.baton.support;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

/**
 * Settings every Baton service shares, below everything a service or an operator sets. They make a stop take seconds:
 * <ul>
 *   <li>{@code spring.kafka.listener.poll-timeout} 1 s (Spring's default 5 s): a stopping listener container waits
 *       for its consumer's current poll to return. An idle poll that returns sooner asks the broker for nothing more:
 *       the fetch in flight (held up to the consumer's {@code fetch.max.wait.ms}) carries on into the next poll.</li>
 *   <li>{@code spring.reactor.netty.shutdown-quiet-period} 100 ms (Reactor Netty's default 2 s): the event loops'
 *       wait for late tasks once the server has stopped, after graceful shutdown has let the requests in flight
 *       finish.</li>
 * </ul>
 */
public class BatonDefaults implements EnvironmentPostProcessor {
    static final String NAME = "batonDefaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getPropertySources().contains(NAME)) {
            environment.getPropertySources().addLast(new MapPropertySource(NAME, Map.of(
                    "spring.kafka.listener.poll-timeout", "1s",
                    "spring.reactor.netty.shutdown-quiet-period", "100ms")));
        }
    }
}
