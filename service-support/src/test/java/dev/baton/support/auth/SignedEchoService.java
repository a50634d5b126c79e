package dev.baton.support.auth;

import dev.baton.api.app.CallerApp;
import dev.baton.testing.SignedClient;
import dev.baton.testing.TestDatabases;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One instance of a minimal Baton service, as service-support auto-configures it: caller authentication in front of
 * {@code GET /whoami}, its own clock, and the {@code auth_nonce} table in the database it is given. Several instances
 * on one database are several instances of one service.
 */
final class SignedEchoService implements AutoCloseable {
    static final CallerApp PORTAL = new CallerApp("hr-portal", "HR portal", "portal-secret", false, List.of("*"), true);
    static final Duration SKEW = Duration.ofMinutes(5);

    private final ConfigurableApplicationContext context;
    private final SignedClient client;

    private SignedEchoService(ConfigurableApplicationContext context) {
        this.context = context;
        String port = context.getEnvironment().getProperty("local.server.port");
        this.client = new SignedClient("http://127.0.0.1:" + port, PORTAL.appId(), PORTAL.secret());
    }

    /** Starts an instance; {@code properties} add to or override the defaults ({@code baton.auth.*} mostly). */
    static SignedEchoService start(TestDatabases.Database db, Map<String, Object> properties) {
        Map<String, Object> all = new java.util.LinkedHashMap<>();
        all.put("spring.config.name", "signed-echo");
        all.put("server.port", 0);
        all.put("spring.datasource.url", db.jdbcUrl());
        all.put("spring.datasource.username", db.username());
        all.put("spring.datasource.password", db.password());
        all.put("spring.flyway.locations", "classpath:db/migration/common");
        all.put("spring.main.banner-mode", "off");
        all.put("baton.replicas.enabled", false);
        all.put("baton.auth.max-clock-skew", SKEW.toString());
        all.putAll(properties);
        return new SignedEchoService(new SpringApplicationBuilder(Application.class).properties(all).run());
    }

    /** Signs and sends {@code GET /whoami} with this nonce, timestamped by this instance's clock. */
    WebTestClient.ResponseSpec whoami(String nonce) {
        return whoami(nonce, clock().instant());
    }

    WebTestClient.ResponseSpec whoami(String nonce, Instant timestamp) {
        return client.prepare(HttpMethod.GET, "alice", "/whoami", new byte[0], nonce, timestamp).exchange();
    }

    SettableClock clock() {
        return context.getBean(SettableClock.class);
    }

    NonceStore nonces() {
        return context.getBean(NonceStore.class);
    }

    MeterRegistry meters() {
        return context.getBean(MeterRegistry.class);
    }

    JdbcTemplate jdbc() {
        return context.getBean(JdbcTemplate.class);
    }

    static String newNonce() {
        return UUID.randomUUID().toString();
    }

    @Override
    public void close() {
        context.close();
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration(exclude = KafkaAutoConfiguration.class)
    static class Application {
        @Bean
        CallerApps callerApps() {
            return appId -> Optional.of(PORTAL).filter(app -> app.appId().equals(appId));
        }

        @Bean
        SettableClock clock() {
            return new SettableClock();
        }

        @Bean
        Whoami whoami() {
            return new Whoami();
        }
    }

    @RestController
    static class Whoami {
        @GetMapping("/whoami")
        String whoami(ServerWebExchange exchange) {
            return Caller.of(exchange).user();
        }
    }

    /** The system clock, unless a test moves it on. */
    static final class SettableClock extends Clock {
        private volatile Duration offset = Duration.ZERO;

        void advance(Duration by) {
            offset = offset.plus(by);
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
