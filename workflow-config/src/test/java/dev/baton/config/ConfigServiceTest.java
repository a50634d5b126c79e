package dev.baton.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.api.directory.Department;
import dev.baton.api.directory.DirectorySnapshot;
import dev.baton.api.directory.DirectoryUser;
import dev.baton.api.directory.Role;
import dev.baton.api.workflow.WorkflowDefinition;
import dev.baton.config.outbox.Outbox;
import dev.baton.engine.Demo;
import dev.baton.engine.BatonJson;
import dev.baton.testing.SignedClient;
import dev.baton.testing.TestDatabases;
import dev.baton.testing.TestKafka;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * The one Spring context the API tests share: a real PostgreSQL database, the test Kafka broker, the bootstrap
 * admin app. Test classes use their own keys and names, so they never depend on each other's data.
 */
@SpringBootTest(classes = WorkflowConfigApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=workflow-config")
public abstract class ConfigServiceTest {
    protected static final String ADMIN = "test-admin";
    protected static final String ADMIN_SECRET = "test-admin-secret-0123456789abcdef";
    protected static final String USER = "admin";
    protected static final ObjectMapper JSON = BatonJson.mapper();
    private static final TestDatabases.Database DB = TestDatabases.create("wfc");

    @LocalServerPort
    protected int port;
    @Autowired
    protected JdbcTemplate jdbc;
    @Autowired
    protected Outbox outbox;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        configure(registry, DB);
    }

    protected static void configure(DynamicPropertyRegistry registry, TestDatabases.Database db) {
        registry.add("spring.datasource.url", () -> withSchema(db.jdbcUrl()));
        registry.add("spring.datasource.username", db::username);
        registry.add("spring.datasource.password", db::password);
        registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
        registry.add("baton.bootstrap.admin-app", () -> ADMIN);
        registry.add("baton.bootstrap.admin-secret", () -> ADMIN_SECRET);
    }

    protected static String withSchema(String jdbcUrl) {
        return jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "currentSchema=workflow_config";
    }

    protected String baseUrl() {
        return "http://localhost:" + port;
    }

    protected SignedClient admin() {
        return new SignedClient(baseUrl(), ADMIN, ADMIN_SECRET);
    }

    /**
     * Puts the demo directory's records (departments, roles, users) through the single-record endpoints, which
     * leaves everything else in the shared database alone. Idempotent.
     */
    protected void putDemoDirectory() {
        DirectorySnapshot demo = Demo.directory();
        SignedClient client = admin();
        for (Department d : demo.departments()) {
            client.put(USER, "/directory/departments/" + d.id(), new Department(d.id(), d.name(), d.parentId(), null,
                    List.of())).expectStatus().is2xxSuccessful();
        }
        for (Role r : demo.roles()) {
            client.put(USER, "/directory/roles/" + r.id(), r).expectStatus().is2xxSuccessful();
        }
        for (DirectoryUser u : demo.users()) {
            client.put(USER, "/directory/users/" + u.username(), u).expectStatus().is2xxSuccessful();
        }
        for (Department d : demo.departments()) {
            client.put(USER, "/directory/departments/" + d.id(), d).expectStatus().is2xxSuccessful();
        }
    }

    /** The demo leave-request workflow under another key and name. */
    protected static WorkflowDefinition demoAs(String key, String name) {
        WorkflowDefinition demo = Demo.leaveRequest();
        return new WorkflowDefinition(key, name, demo.description(), demo.restrictView(), demo.admins(),
                demo.fields(), demo.states(), demo.transitions());
    }

    protected void awaitOutboxEmpty() {
        await().atMost(Duration.ofSeconds(20)).until(() -> outbox.pending() == 0);
    }
}
