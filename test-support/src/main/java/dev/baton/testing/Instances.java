package dev.baton.testing;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * For tests that run several instances of a service in one JVM and stop one of them while the others go on: by
 * default every Spring Boot server in a JVM shares Reactor Netty's global event loops, and stopping one context
 * disposes them, which closes the other instances' servers too. An instance started with {@link #ownEventLoops()}
 * has loops of its own, disposed with it alone.
 */
public final class Instances {
    private Instances() {
    }

    public static ApplicationContextInitializer<ConfigurableApplicationContext> ownEventLoops() {
        return context -> ((GenericApplicationContext) context).registerBean("reactorResourceFactory",
                ReactorResourceFactory.class, () -> {
                    ReactorResourceFactory own = new ReactorResourceFactory();
                    own.setUseGlobalResources(false);
                    return own;
                });
    }
}
