package dev.baton.config.bootstrap;

import dev.baton.api.app.CallerApp;
import dev.baton.api.directory.Department;
import dev.baton.api.directory.DirectorySnapshot;
import dev.baton.api.directory.DirectoryUser;
import dev.baton.api.error.BatonException;
import dev.baton.api.error.ErrorCode;
import dev.baton.config.WorkflowConfigApplication;
import dev.baton.config.directory.DirectoryService;
import dev.baton.config.directory.DirectorySync;
import dev.baton.config.directory.SyncResult;
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

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    @Autowired
    DirectoryService directory;
    @Autowired
    DirectorySync sync;

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
        assertThat(jdbc.queryForObject("SELECT count(*) FROM directory_user WHERE username = ANY (?::text[])",
                Integer.class, (Object) demoUsernames())).isEqualTo(Demo.directory().users().size());

        assertThat(loader.load()).isFalse();

        assertThat(workflows.versions("leave-request")).hasSize(1);
    }

    @Test
    void theFirstRealSyncMayReplaceTheDemoUsersButNotTheUsersItBrings() {
        List<String> fed = IntStream.range(0, 20).mapToObj(i -> "feed.user" + i).toList();
        DirectoryUser alice = Demo.directory().users().stream().filter(u -> u.username().equals("alice"))
                .findFirst().orElseThrow();
        List<Department> departments = new ArrayList<>(Demo.directory().departments());
        List<DirectoryUser> users = new ArrayList<>(fed.stream().map(u -> new DirectoryUser(u, "Fed", null, true,
                List.of(), List.of())).toList());
        // a demo user the feed lists unchanged: the feed takes her over
        users.add(alice);
        int activeDemo = (int) Demo.directory().users().stream().filter(DirectoryUser::active).count();
        // the leaders and approvers of the demo's departments stay listed, so the departments stay valid
        List<String> needed = departments.stream().flatMap(d -> java.util.stream.Stream.concat(
                java.util.stream.Stream.ofNullable(d.leader()), d.approvers().stream())).distinct().toList();
        Demo.directory().users().stream().filter(u -> needed.contains(u.username()) && !u.username().equals("alice"))
                .forEach(users::add);

        SyncResult replaced = sync.sync(new DirectorySnapshot(departments, Demo.directory().roles(), users),
                false);

        int keptDemo = users.size() - fed.size();
        assertThat(replaced.usersCreated()).isEqualTo(fed.size());
        assertThat(replaced.usersDeactivated()).isEqualTo(activeDemo - keptDemo);
        assertThat(jdbc.queryForList("SELECT username FROM directory_user WHERE demo AND active", String.class))
                .isEmpty();

        // the users the feed brought (and the demo users it listed) count: leaving half of them out is refused
        List<DirectoryUser> half = new ArrayList<>(users.subList(fed.size() / 2, users.size()));
        assertThatThrownBy(() -> sync.sync(new DirectorySnapshot(departments, Demo.directory().roles(), half),
                false)).isInstanceOfSatisfying(BatonException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.MASS_DEACTIVATION));
        assertThat(directory.users(null, null, true)).extracting(DirectoryUser::username).containsAll(fed);
    }

    private static String[] demoUsernames() {
        return Demo.directory().users().stream().map(DirectoryUser::username).toArray(String[]::new);
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
