package dev.baton.config.bootstrap;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The demo ({@code baton.demo.*}).
 *
 * @param enabled load the demo directory and publish the leave-request workflow on start, unless it was published
 */
@ConfigurationProperties("baton.demo")
public record DemoProperties(boolean enabled) {
}
