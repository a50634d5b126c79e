package dev.baton.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.engine.BatonJson;
import dev.baton.support.auth.CallerApps;
import dev.baton.support.auth.CallerAuthenticationFilter;
import dev.baton.support.auth.NonceStore;
import dev.baton.support.auth.RecentNonces;
import dev.baton.support.auth.SharedNonces;
import dev.baton.support.kafka.BatonTopics;
import dev.baton.support.kafka.TicketEventCodec;
import dev.baton.support.problem.ProblemHandler;
import dev.baton.support.problem.ProblemWebExceptionHandler;
import dev.baton.support.replica.ConfigReplicas;
import dev.baton.support.trace.Traces;
import dev.baton.support.web.ConnectionThreadFilter;
import dev.baton.support.web.HttpEdge;
import dev.baton.support.web.RequestJson;
import dev.baton.support.web.RequestTextFilter;
import io.micrometer.tracing.Tracer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigureBefore;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.codec.CodecCustomizer;
import org.springframework.boot.web.embedded.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.json.Jackson2JsonDecoder;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.time.Clock;

/** What every Baton service gets by depending on service-support. */
@AutoConfiguration
@AutoConfigureBefore(JacksonAutoConfiguration.class)
@EnableConfigurationProperties(BatonProperties.class)
@EnableScheduling
@Import({BatonTopics.class, ConfigReplicas.class, dev.baton.support.web.ApiDescription.class})
public class BatonSupportConfiguration {

    @Bean
    @Primary
    ObjectMapper batonObjectMapper() {
        return BatonJson.mapper().addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class);
    }

    /** Request bodies are read strictly ({@link RequestJson}); answers are written with the shared mapper. */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    CodecCustomizer strictRequestJson() {
        ObjectMapper requests = RequestJson.mapper();
        return configurer -> configurer.defaultCodecs().jackson2JsonDecoder(new Jackson2JsonDecoder(requests));
    }

    @Bean
    Traces traces(ObjectProvider<Tracer> tracer) {
        return new Traces(tracer.getIfAvailable(() -> Tracer.NOOP));
    }

    @Bean
    ConnectionThreadFilter connectionThreadFilter() {
        return new ConnectionThreadFilter();
    }

    @Bean
    RequestTextFilter requestTextFilter(ObjectMapper json) {
        return new RequestTextFilter(json);
    }

    @Bean
    NettyServerCustomizer httpEdge() {
        return HttpEdge::install;
    }

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    NonceStore nonceStore(BatonProperties properties, ObjectProvider<JdbcTemplate> jdbc, Clock clock) {
        BatonProperties.Auth auth = properties.auth();
        RecentNonces recent = new RecentNonces(auth.nonceCacheSize());
        return switch (auth.nonces()) {
            case SHARED -> NonceStore.shared(recent, new SharedNonces(jdbc.getObject()), clock);
            case LOCAL -> NonceStore.local(recent, clock);
        };
    }

    @Bean
    CallerAuthenticationFilter callerAuthenticationFilter(CallerApps apps, NonceStore nonces, BatonProperties properties,
                                                          ObjectMapper json, Clock clock) {
        return new CallerAuthenticationFilter(apps, nonces, properties.auth(), json, clock);
    }

    @Bean
    ProblemHandler problemHandler() {
        return new ProblemHandler();
    }

    @Bean
    ProblemWebExceptionHandler problemWebExceptionHandler(ObjectMapper json) {
        return new ProblemWebExceptionHandler(json);
    }

    @Bean
    TicketEventCodec ticketEventCodec(ObjectMapper json) {
        return new TicketEventCodec(json);
    }
}
