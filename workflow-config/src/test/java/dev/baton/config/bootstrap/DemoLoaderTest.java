package dev.baton.config.bootstrap;

import dev.baton.api.app.CallerApp;
import dev.baton.config.WorkflowConfigApplication;
import dev.baton.config.app.AppService;
import dev.baton.config.workflow.VersionInfo;
import dev.baton.config.workflow.WorkflowService;
import dev.baton.engine.Demo;
import dev.baton.testing.TestDatabases;
import dev.baton.testing.TestKafka;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A service started with the demo enabled and bootstrap demo apps (its own context and database). */
@SpringBootTest(classes = WorkflowConfigApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"spring.config.name=workflow-config", "baton.demo.enabled=true",
                "baton.bootstrap.admin-app=demo-admin", "baton.bootstrap.admin-secret=demo-admin-secret",
                "baton.bootstrap.apps[0].app-id=demo-portal", "baton.bootstrap.apps[0].secret=demo-portal-secret",
                "baton.bootstrap.apps[0].workflows[0]=leave-request"})
class DemoLoaderTest {
    private static final TestDatabases.Database DB = TestDatabases.create("wfc_demo");

    @Autowired
    DemoLoader loader;
    @Autowired
    WorkflowService workflows;
    @Autowired
    AppService apps;
    @Autowired
    BootstrapApps bootstrap;
    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> DB.jdbcUrl() + (DB.jdbcUrl().contains("?") ? "&" : "?")
                + "currentSchema=workflow_config");
        registry.add("spring.datasource.username", DB::username);
        registry.add("spring.datasource.password", DB::password);
        registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
    }

    @Test
    void onStartTheDemoDirectoryIsSyncedAndLeaveRequestPublishedOnceAcrossRestarts() {
        assertThat(workflows.versions("leave-request")).extracting(VersionInfo::version).containsExactly(1);
        assertThat(workflows.version("leave-request", 1).definition()).isEqualTo(Demo.leaveRequest());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM directory_user", Integer.class))
                .isEqualTo(Demo.directory().users().size());

        assertThat(loader.load()).isFalse();

        assertThat(workflows.versions("leave-request")).hasSize(1);
    }

    @Test
    void bootstrapAppsGetExactlyTheirConfiguredSecretsAndRestartsChangeNothing() {
        assertThat(apps.get("demo-admin").admin()).isTrue();
        assertThat(apps.get("demo-admin").workflows()).containsExactly("*");
        assertThat(jdbc.queryForObject("SELECT secret FROM caller_app WHERE app_id = 'demo-admin'", String.class))
                .isEqualTo("demo-admin-secret");
        assertThat(apps.get("demo-portal").admin()).isFalse();
        assertThat(apps.get("demo-portal").workflows()).containsExactly("leave-request");
        long queued = jdbc.queryForObject("SELECT count(*) FROM outbox WHERE topic = 'baton.config.apps'", Long.class);

        bootstrap.run(null);

        assertThat(jdbc.queryForObject("SELECT count(*) FROM outbox WHERE topic = 'baton.config.apps'", Long.class))
                .isLessThanOrEqualTo(queued);
        assertThat(apps.ensure(new CallerApp("demo-admin", "demo-admin", "demo-admin-secret", true, List.of("*"),
                true))).isFalse();
    }
}
