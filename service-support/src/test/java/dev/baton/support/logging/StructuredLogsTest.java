package dev.baton.support.logging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.api.app.CallerApp;
import dev.baton.support.EdgeApplications;
import dev.baton.api.trace.TraceParent;
import dev.baton.support.auth.CallerApps;
import dev.baton.testing.SignedClient;
import dev.baton.testing.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The structured log format the deployments use ({@code LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs}): one JSON document
 * per line, and a line about a ticket names the ticket, the caller application, the user and the trace. Here a server
 * fault on a ticket's path, logged at ERROR.
 */
@ExtendWith(OutputCaptureExtension.class)
class StructuredLogsTest {
    static final CallerApp APP = new CallerApp("log-app", "Logs", "log-secret", false, List.of("*"), true);
    static final TestDatabases.Database DB = TestDatabases.create("structured_logs");
    static final ObjectMapper JSON = new ObjectMapper();
    static ConfigurableApplicationContext context;
    static SignedClient client;

    @BeforeAll
    static void start() {
        Map<String, Object> properties = EdgeApplications.properties("structured-logs", DB);
        properties.put("logging.structured.format.console", "ecs");
        context = new SpringApplicationBuilder(Application.class).properties(properties).run();
        client = new SignedClient("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port"),
                APP.appId(), APP.secret());
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            context.close();
        }
    }

    @Test
    void aServerFaultOnATicketIsAnErrorLineNamingTheTicketTheCallerAndTheTrace(CapturedOutput output)
            throws IOException {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        client.prepare(HttpMethod.POST, "lena", "/tickets/t-42/handle", new byte[0], UUID.randomUUID().toString(),
                        Instant.now())
                .header(TraceParent.HEADER, "00-" + traceId + "-00f067aa0ba902b7-01")
                .exchange().expectStatus().isEqualTo(500);

        JsonNode line = null;
        for (String text : output.getOut().split("\\R")) {
            if (text.startsWith("{") && text.contains("Unexpected failure on POST /tickets/t-42/handle")) {
                line = JSON.readTree(text);
            }
        }
        assertThat(line).as("an ECS line about the failure in:%n%s", output.getOut()).isNotNull();
        assertThat(line.at("/log/level").asText()).isEqualTo("ERROR");
        assertThat(line.path("ticketId").asText()).isEqualTo("t-42");
        assertThat(line.path("app").asText()).isEqualTo("log-app");
        assertThat(line.path("user").asText()).isEqualTo("lena");
        assertThat(line.path("traceId").asText()).isEqualTo(traceId);
        assertThat(line.at("/error/stack_trace").asText()).contains("IllegalStateException", "the disk is on fire");
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration(exclude = KafkaAutoConfiguration.class)
    static class Application {
        @Bean
        CallerApps callerApps() {
            return EdgeApplications.only(APP);
        }

        @Bean
        Failing failing() {
            return new Failing();
        }
    }

    @RestController
    static class Failing {
        @PostMapping("/tickets/{id}/handle")
        String handle(@PathVariable String id) {
            throw new IllegalStateException("the disk is on fire");
        }
    }
}
