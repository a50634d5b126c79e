package dev.baton.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.api.Topics;
import dev.baton.api.app.CallerApp;
import dev.baton.api.workflow.PublishedWorkflow;
import dev.baton.api.workflow.WorkflowDefinition;
import dev.baton.engine.BatonJson;
import dev.baton.support.replica.CallerAppReplica;
import dev.baton.support.replica.WorkflowCatalog;
import dev.baton.testing.SignedClient;
import dev.baton.testing.TestDatabases;
import dev.baton.testing.TestKafka;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * One ticket-query for every test class: a fresh PostgreSQL database, the shared test Kafka broker, the demo
 * leave-request workflow (version 1 restricts viewing, version 2 is the same workflow without that restriction) and
 * three caller applications, all reaching the service through its config topics as in production. Tests make their
 * own users (unique names) so they never see each other's tickets.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=ticket-query",
        "baton.query.gap-retry-attempts=3",
        "baton.query.gap-retry-interval=100ms",
        "baton.query.failure-retry-attempts=2",
        "baton.query.failure-retry-interval=100ms"})
public abstract class QueryTestBase {
    protected static final ObjectMapper JSON = BatonJson.mapper();
    protected static final TestDatabases.Database DB = TestDatabases.create("tq");

    protected static final CallerApp HR_APP = new CallerApp("hr-app", "HR portal", "hr-secret", false,
            List.of("leave-request"), true);
    protected static final CallerApp ADMIN_APP = new CallerApp("admin-app", "Admin console", "admin-secret", true,
            List.of(), true);
    protected static final CallerApp OTHER_APP = new CallerApp("other-app", "Expenses", "other-secret", false,
            List.of("expenses"), true);

    /**
     * The workflow every test ticket runs on: version 1 restricts viewing, version 2 does not, version 3 neither and
     * its end state lists no fields.
     */
    protected static final WorkflowDefinition LEAVE_REQUEST = readLeaveRequest();
    protected static final WorkflowDefinition LEAVE_REQUEST_OPEN = new WorkflowDefinition(LEAVE_REQUEST.key(),
            LEAVE_REQUEST.name(), LEAVE_REQUEST.description(), false, LEAVE_REQUEST.admins(), LEAVE_REQUEST.fields(),
            LEAVE_REQUEST.states(), LEAVE_REQUEST.transitions());
    protected static final WorkflowDefinition LEAVE_REQUEST_BARE_END = new WorkflowDefinition(LEAVE_REQUEST.key(),
            LEAVE_REQUEST.name(), LEAVE_REQUEST.description(), false, LEAVE_REQUEST.admins(), LEAVE_REQUEST.fields(),
            LEAVE_REQUEST.states().stream().map(s -> s.type() != dev.baton.api.workflow.StateType.END ? s
                    : new dev.baton.api.workflow.StateDef(s.key(), s.name(), s.type(), s.order(), s.hidden(), Map.of(),
                    s.participants(), s.distribution())).toList(),
            LEAVE_REQUEST.transitions());

    private static volatile boolean configPublished;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> DB.jdbcUrl() + "?currentSchema=ticket_query");
        // At the end of the test JVM the shared broker and the cached context stop concurrently; the projection's
        // last offset commit (ack-mode time) must not wait the default 60 s for a broker that is already gone.
        registry.add("spring.kafka.consumer.properties.default.api.timeout.ms", () -> "3000");
        registry.add("spring.datasource.username", DB::username);
        registry.add("spring.datasource.password", DB::password);
        registry.add("spring.r2dbc.url", () -> DB.r2dbcUrl() + "?currentSchema=ticket_query");
        registry.add("spring.r2dbc.username", DB::username);
        registry.add("spring.r2dbc.password", DB::password);
        registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
    }

    @LocalServerPort
    protected int port;
    @Autowired
    protected KafkaTemplate<String, String> kafka;
    @Autowired
    protected JdbcTemplate jdbc;
    @Autowired
    private CallerAppReplica apps;
    @Autowired
    private WorkflowCatalog catalog;

    @BeforeEach
    void publishConfig() throws Exception {
        if (!configPublished) {
            for (CallerApp app : List.of(HR_APP, ADMIN_APP, OTHER_APP)) {
                kafka.send(Topics.CONFIG_APPS, app.appId(), JSON.writeValueAsString(app)).get();
            }
            for (var published : List.of(
                    new PublishedWorkflow(LEAVE_REQUEST.key(), 1, Instant.parse("2026-01-01T00:00:00Z"), "admin", LEAVE_REQUEST),
                    new PublishedWorkflow(LEAVE_REQUEST.key(), 2, Instant.parse("2026-01-02T00:00:00Z"), "admin", LEAVE_REQUEST_OPEN),
                    new PublishedWorkflow(LEAVE_REQUEST.key(), 3, Instant.parse("2026-01-03T00:00:00Z"), "admin", LEAVE_REQUEST_BARE_END))) {
                kafka.send(Topics.CONFIG_WORKFLOWS, published.recordKey(), JSON.writeValueAsString(published)).get();
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> apps.find(OTHER_APP.appId()).isPresent()
                    && catalog.version(LEAVE_REQUEST.key(), 3).isPresent());
            configPublished = true;
        }
    }

    private static WorkflowDefinition readLeaveRequest() {
        try (InputStream in = new ClassPathResource("demo/leave-request.json").getInputStream()) {
            return JSON.readValue(in, WorkflowDefinition.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A user name no other test uses. */
    protected static String user(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    protected SignedClient client(CallerApp app) {
        return new SignedClient("http://127.0.0.1:" + port, app.appId(), app.secret());
    }

    protected SignedClient hr() {
        return client(HR_APP);
    }

    protected SignedClient admin() {
        return client(ADMIN_APP);
    }

    protected SignedClient other() {
        return client(OTHER_APP);
    }

    /** GETs as {@code user}, expects 200 and returns the body. */
    protected JsonNode ok(SignedClient client, String user, String path) {
        return read(client.get(user, path).expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith("application/json")
                .expectBody(String.class).returnResult().getResponseBody());
    }

    /** GETs as {@code user}, expects {@code status} with a problem+json body and returns it. */
    protected JsonNode problem(SignedClient client, String user, String path, int status) {
        return read(client.get(user, path).expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith("application/problem+json")
                .expectBody(String.class).returnResult().getResponseBody());
    }

    protected static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new ticket's story, told by producing its events to the topic. */
    protected TicketStory ticket() {
        return new TicketStory(kafka, jdbc);
    }
}
