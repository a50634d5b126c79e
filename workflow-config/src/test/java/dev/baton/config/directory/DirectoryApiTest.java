package dev.baton.config.directory;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.api.Topics;
import dev.baton.api.directory.Department;
import dev.baton.api.directory.DirectoryRecords;
import dev.baton.api.directory.DirectoryUser;
import dev.baton.api.directory.Role;
import dev.baton.config.ConfigServiceTest;
import dev.baton.config.TopicReader;
import dev.baton.support.replica.DirectoryReplica;
import dev.baton.testing.SignedClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class DirectoryApiTest extends ConfigServiceTest {
    private SignedClient client;

    @BeforeEach
    void setUp() {
        client = admin();
    }

    @Test
    void usersDepartmentsAndRolesAreCreatedReadListedAndPublished() throws Exception {
        client.put(USER, "/directory/departments/crud-root", new Department(null, "Root", null, null, null))
                .expectStatus().isCreated();
        client.put(USER, "/directory/departments/crud-child", new Department("crud-child", "Child", "crud-root", null,
                null)).expectStatus().isCreated();
        client.put(USER, "/directory/roles/crud-role", new Role(null, "Crud role")).expectStatus().isCreated();
        DirectoryUser carol = new DirectoryUser("crud.carol", "Carol", "carol@example.com", true,
                List.of("crud-child"), List.of("crud-role"));
        client.put(USER, "/directory/users/crud.carol", Map.of("name", "Carol", "email", "carol@example.com",
                        "departments", List.of("crud-child"), "roles", List.of("crud-role")))
                .expectStatus().isCreated().expectBody(DirectoryUser.class).isEqualTo(carol);
        client.put(USER, "/directory/users/crud.carol", carol).expectStatus().isOk();
        Department led = new Department("crud-child", "Child", "crud-root", "crud.carol", List.of("crud.carol"));
        client.put(USER, "/directory/departments/crud-child", led).expectStatus().isOk();

        client.get(USER, "/directory/users/crud.carol").expectStatus().isOk().expectBody(DirectoryUser.class)
                .isEqualTo(carol);
        client.get(USER, "/directory/departments/crud-child").expectStatus().isOk().expectBody(Department.class)
                .isEqualTo(led);
        client.get(USER, "/directory/roles/crud-role").expectStatus().isOk().expectBody(Role.class)
                .isEqualTo(new Role("crud-role", "Crud role"));
        assertThat(users("/directory/users?department=crud-child")).containsExactly(carol);
        assertThat(users("/directory/users?department=&role=&active=")).contains(carol);
        assertThat(users("/directory/users?role=crud-role&active=true")).containsExactly(carol);
        assertThat(users("/directory/users?role=crud-role&active=false")).isEmpty();
        client.get(USER, "/directory/departments").expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<List<Department>>() {
                }).value(list -> assertThat(list).contains(led));
        client.get(USER, "/directory/roles").expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<List<Role>>() {
                }).value(list -> assertThat(list).contains(new Role("crud-role", "Crud role")));

        ConsumerRecord<String, String> record = await().atMost(Duration.ofSeconds(20)).until(
                () -> TopicReader.last(Topics.CONFIG_DIRECTORY, DirectoryRecords.departmentKey("crud-child")),
                r -> r.isPresent() && r.get().value().contains("crud.carol")).get();
        assertThat(JSON.readValue(record.value(), Department.class)).isEqualTo(led);
    }

    @Test
    void deletingAUserDeactivatesItAndPublishesTheInactiveRecord() throws Exception {
        client.put(USER, "/directory/users/leaver", new DirectoryUser(null, "Leaver", null, true, null, null))
                .expectStatus().isCreated();

        client.delete(USER, "/directory/users/leaver").expectStatus().isOk()
                .expectBody().jsonPath("$.active").isEqualTo(false);

        client.get(USER, "/directory/users/leaver").expectStatus().isOk().expectBody().jsonPath("$.active")
                .isEqualTo(false);
        assertThat(users("/directory/users?active=false")).extracting(DirectoryUser::username).contains("leaver");
        ConsumerRecord<String, String> record = await().atMost(Duration.ofSeconds(20)).until(
                () -> TopicReader.last(Topics.CONFIG_DIRECTORY, DirectoryRecords.userKey("leaver")),
                r -> r.isPresent() && r.get().value().contains("\"active\":false")).get();
        assertThat(JSON.readValue(record.value(), DirectoryUser.class).active()).isFalse();
        client.delete(USER, "/directory/users/nobody-at-all").expectStatus().isNotFound();
    }

    @Test
    void referencesMustResolveAndInputMustBeWellFormed() {
        client.put(USER, "/directory/users/ref.user", new DirectoryUser(null, "Ref", null, true,
                        List.of("no-such-dept"), List.of("no-such-role")))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.code").isEqualTo("invalid-input").jsonPath("$.errors.length()").isEqualTo(2);
        client.put(USER, "/directory/users/other.name", new DirectoryUser("ref.user", "Ref", null, true, null, null))
                .expectStatus().isBadRequest();
        client.put(USER, "/directory/users/ref.user", new DirectoryUser(null, "Ref", "not-an-email", true, null,
                null)).expectStatus().isBadRequest();
        client.put(USER, "/directory/users/ref.user", new DirectoryUser(null, " ", null, true, null, null))
                .expectStatus().isBadRequest();
        client.put(USER, "/directory/users/bad!name", new DirectoryUser(null, "Bad", null, true, null, null))
                .expectStatus().isBadRequest();
        client.put(USER, "/directory/departments/ref-dept", new Department(null, "Dept", "no-such-parent", null, null))
                .expectStatus().isBadRequest();
        client.put(USER, "/directory/departments/ref-dept", new Department(null, "Dept", null, "ghost-leader", null))
                .expectStatus().isBadRequest();
        client.put(USER, "/directory/departments/Ref_Dept", new Department(null, "Dept", null, null, null))
                .expectStatus().isBadRequest();
        client.put(USER, "/directory/roles/ref-role", new Role(null, "x".repeat(201))).expectStatus().isBadRequest();

        client.get(USER, "/directory/users/ref.user").expectStatus().isNotFound()
                .expectBody().jsonPath("$.code").isEqualTo("user-not-found");
        client.get(USER, "/directory/departments/ref-dept").expectStatus().isNotFound();
        client.get(USER, "/directory/roles/ref-role").expectStatus().isNotFound();
    }

    @Test
    void theDepartmentTreeRefusesCycles() {
        client.put(USER, "/directory/departments/cyc-a", new Department(null, "A", null, null, null))
                .expectStatus().isCreated();
        client.put(USER, "/directory/departments/cyc-b", new Department(null, "B", "cyc-a", null, null))
                .expectStatus().isCreated();
        client.put(USER, "/directory/departments/cyc-c", new Department(null, "C", "cyc-b", null, null))
                .expectStatus().isCreated();

        client.put(USER, "/directory/departments/cyc-a", new Department(null, "A", "cyc-c", null, null))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("cycle"));
        client.put(USER, "/directory/departments/cyc-a", new Department(null, "A", "cyc-a", null, null))
                .expectStatus().isBadRequest();
        client.get(USER, "/directory/departments/cyc-a").expectStatus().isOk()
                .expectBody().jsonPath("$.parentId").isEmpty();
    }

    @Test
    void departmentsAndRolesInUseCannotBeDeletedButUnusedOnesCan() {
        client.put(USER, "/directory/departments/del-parent", new Department(null, "Parent", null, null, null))
                .expectStatus().isCreated();
        client.put(USER, "/directory/departments/del-child", new Department(null, "Child", "del-parent", null, null))
                .expectStatus().isCreated();
        client.put(USER, "/directory/roles/del-role", new Role(null, "Role")).expectStatus().isCreated();
        client.put(USER, "/directory/users/del.member", new DirectoryUser(null, "Member", null, true,
                List.of("del-child"), List.of("del-role"))).expectStatus().isCreated();

        client.delete(USER, "/directory/departments/del-parent").expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.code").isEqualTo("in-use");
        client.delete(USER, "/directory/departments/del-child").expectStatus().isEqualTo(409);
        client.delete(USER, "/directory/roles/del-role").expectStatus().isEqualTo(409);

        client.delete(USER, "/directory/users/del.member").expectStatus().isOk();
        client.delete(USER, "/directory/roles/del-role").expectStatus().isNoContent();
        client.delete(USER, "/directory/departments/del-child").expectStatus().isNoContent();
        client.delete(USER, "/directory/departments/del-parent").expectStatus().isNoContent();

        client.get(USER, "/directory/users/del.member").expectStatus().isOk()
                .expectBody(DirectoryUser.class).value(u -> {
                    assertThat(u.departments()).isEmpty();
                    assertThat(u.roles()).isEmpty();
                });
        client.get(USER, "/directory/departments/del-child").expectStatus().isNotFound();
        client.delete(USER, "/directory/roles/del-role").expectStatus().isNotFound();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            Optional<ConsumerRecord<String, String>> last =
                    TopicReader.last(Topics.CONFIG_DIRECTORY, DirectoryRecords.departmentKey("del-child"));
            return last.isPresent() && last.get().value() == null;
        });
    }

    @Test
    void syncingTheSameSnapshotTwiceChangesAndPublishesNothingTheSecondTime() {
        List<Department> departments = new ArrayList<>(list("/directory/departments", Department.class));
        List<Role> roles = new ArrayList<>(list("/directory/roles", Role.class));
        List<DirectoryUser> users = new ArrayList<>(users("/directory/users"));
        departments.add(new Department("sync-dept", "Synced", null, "sync.lead", List.of()));
        roles.add(new Role("sync-role", "Synced role"));
        users.add(new DirectoryUser("sync.lead", "Lead", "lead@example.com", true, List.of("sync-dept"),
                List.of("sync-role")));
        users.add(new DirectoryUser("sync.temp", "Temp", null, true, List.of("sync-dept"), List.of()));
        Map<String, Object> snapshot = Map.of("departments", departments, "roles", roles, "users", users);

        SyncResult first = sync(snapshot);
        assertThat(first).isEqualTo(new SyncResult(2, 0, 0, users.size() - 2, 1, 0, 1, 0));
        awaitOutboxEmpty();
        long published = TopicReader.endOffsets(Topics.CONFIG_DIRECTORY);

        SyncResult second = sync(snapshot);

        assertThat(second).isEqualTo(new SyncResult(0, 0, 0, users.size(), 0, 0, 0, 0));
        assertThat(outbox.pending()).isZero();
        await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(2))
                .until(() -> TopicReader.endOffsets(Topics.CONFIG_DIRECTORY) == published);
    }

    @Test
    void syncDeactivatesUsersAbsentFromTheSnapshotAndRemovesAbsentDepartmentsAndRoles() {
        client.put(USER, "/directory/departments/gone-dept", new Department(null, "Gone", null, null, null))
                .expectStatus().isCreated();
        client.put(USER, "/directory/roles/gone-role", new Role(null, "Gone")).expectStatus().isCreated();
        client.put(USER, "/directory/users/gone.user", new DirectoryUser(null, "Gone", null, true,
                List.of("gone-dept"), List.of("gone-role"))).expectStatus().isCreated();
        List<Department> departments = list("/directory/departments", Department.class).stream()
                .filter(d -> !d.id().equals("gone-dept")).toList();
        List<Role> roles = list("/directory/roles", Role.class).stream().filter(r -> !r.id().equals("gone-role")).toList();
        List<DirectoryUser> users = users("/directory/users").stream()
                .filter(u -> !u.username().equals("gone.user")).toList();

        SyncResult result = sync(Map.of("departments", departments, "roles", roles, "users", users));

        assertThat(result.usersDeactivated()).isEqualTo(1);
        assertThat(result.departmentsRemoved()).isEqualTo(1);
        assertThat(result.rolesRemoved()).isEqualTo(1);
        assertThat(result.usersCreated() + result.usersUpdated() + result.departmentsUpserted() + result.rolesUpserted())
                .isZero();
        client.get(USER, "/directory/users/gone.user").expectStatus().isOk().expectBody(DirectoryUser.class)
                .isEqualTo(new DirectoryUser("gone.user", "Gone", null, false, List.of(), List.of()));
        client.get(USER, "/directory/departments/gone-dept").expectStatus().isNotFound();
        client.get(USER, "/directory/roles/gone-role").expectStatus().isNotFound();
    }

    @Test
    void anInconsistentSnapshotIsRefusedWholeWith422ListingEveryProblem() {
        Map<String, Object> snapshot = Map.of(
                "departments", List.of(new Department("bad-a", "A", "bad-b", null, null),
                        new Department("bad-b", "B", "bad-a", "no.such.leader", null),
                        new Department("bad-c", "C", "missing-parent", null, null)),
                "roles", List.of(new Role("bad-role", "R"), new Role("bad-role", "R again")),
                "users", List.of(new DirectoryUser("bad.user", "U", null, true, List.of("nowhere"), List.of("nothing"))));

        JsonNode problem = client.put(USER, "/directory", snapshot).expectStatus().isEqualTo(422)
                .expectBody(JsonNode.class).returnResult().getResponseBody();

        assertThat(problem.get("code").asText()).isEqualTo("invalid-directory");
        assertThat(problem.get("errors").toString()).contains("cycle").contains("missing-parent")
                .contains("no.such.leader").contains("more than once").contains("nowhere").contains("nothing");
        assertThat(problem.get("errors")).hasSize(6);
        client.get(USER, "/directory/roles/bad-role").expectStatus().isNotFound();
        client.get(USER, "/directory/users/bad.user").expectStatus().isNotFound();
    }

    @Test
    void channelsAndContactsAreStoredReturnedAndPublished() throws Exception {
        DirectoryUser dora = new DirectoryUser("chan.dora", "Dora", "dora@example.com", true, List.of(), List.of(),
                List.of("email", "ops-dingtalk"), Map.of("mobile", "+86 138-0013-8000", "dingtalk", "dora-ding"));

        client.put(USER, "/directory/users/chan.dora", Map.of("name", "Dora", "email", "dora@example.com",
                        "channels", List.of("email", "ops-dingtalk"),
                        "contacts", Map.of("mobile", "+86 138-0013-8000", "dingtalk", "dora-ding")))
                .expectStatus().isCreated().expectBody(DirectoryUser.class).isEqualTo(dora);
        client.put(USER, "/directory/users/chan.dora", dora).expectStatus().isOk();

        client.get(USER, "/directory/users/chan.dora").expectStatus().isOk().expectBody(DirectoryUser.class)
                .isEqualTo(dora);
        assertThat(users("/directory/users")).contains(dora);
        ConsumerRecord<String, String> record = await().atMost(Duration.ofSeconds(20)).until(
                () -> TopicReader.last(Topics.CONFIG_DIRECTORY, DirectoryRecords.userKey("chan.dora")),
                r -> r.isPresent() && r.get().value().contains("ops-dingtalk")).get();
        assertThat(JSON.readValue(record.value(), DirectoryUser.class)).isEqualTo(dora);
        DirectoryReplica replica = new DirectoryReplica(JSON, Duration.ZERO);
        replica.apply(record.key(), record.value());
        assertThat(replica.view().user("chan.dora")).contains(dora);
    }

    @Test
    void aUserRecordPublishedBeforeChannelsAndContactsStillReads() throws Exception {
        String old = "{\"username\":\"old.oscar\",\"name\":\"Oscar\",\"email\":null,\"active\":true,"
                + "\"departments\":[],\"roles\":[]}";
        DirectoryUser oscar = new DirectoryUser("old.oscar", "Oscar", null, true, List.of(), List.of());

        assertThat(JSON.readValue(old, DirectoryUser.class)).isEqualTo(oscar)
                .satisfies(u -> assertThat(u.channels()).isEmpty(), u -> assertThat(u.contacts()).isEmpty());
        DirectoryReplica replica = new DirectoryReplica(JSON, Duration.ZERO);
        replica.apply(DirectoryRecords.userKey("old.oscar"), old);
        assertThat(replica.view().user("old.oscar")).contains(oscar);
    }

    @Test
    void deactivatingAUserOrDroppingItsRoleKeepsItsChannelsAndContacts() throws Exception {
        client.put(USER, "/directory/roles/chan-role", new Role(null, "Channel role")).expectStatus().isCreated();
        DirectoryUser eve = new DirectoryUser("chan.eve", "Eve", null, true, List.of(), List.of("chan-role"),
                List.of("wecom-ops"), Map.of("wecom", "eve-wecom", "mobile", "13800138000"));
        client.put(USER, "/directory/users/chan.eve", eve).expectStatus().isCreated();

        client.delete(USER, "/directory/users/chan.eve").expectStatus().isOk().expectBody(DirectoryUser.class)
                .isEqualTo(withActive(eve, false, eve.roles()));
        client.delete(USER, "/directory/roles/chan-role").expectStatus().isNoContent();

        DirectoryUser left = withActive(eve, false, List.of());
        client.get(USER, "/directory/users/chan.eve").expectStatus().isOk().expectBody(DirectoryUser.class)
                .isEqualTo(left);
        ConsumerRecord<String, String> record = await().atMost(Duration.ofSeconds(20)).until(
                () -> TopicReader.last(Topics.CONFIG_DIRECTORY, DirectoryRecords.userKey("chan.eve")),
                r -> r.isPresent() && !r.get().value().contains("chan-role")).get();
        assertThat(JSON.readValue(record.value(), DirectoryUser.class)).isEqualTo(left);
    }

    @Test
    void aSnapshotSyncStoresChannelsAndContactsAndKeepsThoseOfUsersItDeactivates() {
        DirectoryUser absent = new DirectoryUser("chan.absent", "Absent", null, true, List.of(), List.of(),
                List.of("email"), Map.of("feishu", "ou_absent"));
        client.put(USER, "/directory/users/chan.absent", absent).expectStatus().isCreated();
        List<Department> departments = list("/directory/departments", Department.class);
        List<Role> roles = list("/directory/roles", Role.class);
        List<DirectoryUser> users = new ArrayList<>(users("/directory/users").stream()
                .filter(u -> !u.username().equals("chan.absent")).toList());
        DirectoryUser synced = new DirectoryUser("chan.synced", "Synced", null, true, List.of(), List.of(),
                List.of("ops-feishu", "email"), Map.of("feishu", "ou_synced", "mobile", "+1 555 0100"));
        users.add(synced);
        Map<String, Object> snapshot = Map.of("departments", departments, "roles", roles, "users", users);

        SyncResult first = sync(snapshot);
        SyncResult second = sync(snapshot);

        assertThat(first.usersCreated()).isEqualTo(1);
        assertThat(first.usersDeactivated()).isEqualTo(1);
        assertThat(second.changes()).isZero();
        client.get(USER, "/directory/users/chan.synced").expectStatus().isOk().expectBody(DirectoryUser.class)
                .isEqualTo(synced);
        client.get(USER, "/directory/users/chan.absent").expectStatus().isOk().expectBody(DirectoryUser.class)
                .isEqualTo(withActive(absent, false, absent.roles()));
    }

    @Test
    void aFeedThatCarriesNoChannelsOrContactsKeepsThoseTheUserHasAndAnEmptyListClearsThem() {
        DirectoryUser kim = new DirectoryUser("chan.kim", "Kim", "kim@example.com", true, List.of(), List.of(),
                List.of("email", "ops-wecom"), Map.of("wecom", "kim-wecom"));
        client.put(USER, "/directory/users/chan.kim", kim).expectStatus().isCreated();

        client.put(USER, "/directory/users/chan.kim", Map.of("name", "Kim Lee", "email", "kim@example.com"))
                .expectStatus().isOk().expectBody(DirectoryUser.class).isEqualTo(new DirectoryUser("chan.kim",
                        "Kim Lee", "kim@example.com", true, List.of(), List.of(), kim.channels(), kim.contacts()));

        List<DirectoryUser> users = new ArrayList<>(users("/directory/users").stream()
                .filter(u -> !u.username().equals("chan.kim")).toList());
        users.add(new DirectoryUser("chan.kim", "Kim L.", "kim@example.com", true, List.of(), List.of()));
        sync(Map.of("departments", list("/directory/departments", Department.class),
                "roles", list("/directory/roles", Role.class), "users", users));
        client.get(USER, "/directory/users/chan.kim").expectStatus().isOk().expectBody(DirectoryUser.class)
                .isEqualTo(new DirectoryUser("chan.kim", "Kim L.", "kim@example.com", true, List.of(), List.of(),
                        kim.channels(), kim.contacts()));

        client.put(USER, "/directory/users/chan.kim", Map.of("name", "Kim L.", "email", "kim@example.com",
                        "channels", List.of()))
                .expectStatus().isOk().expectBody(DirectoryUser.class).isEqualTo(new DirectoryUser("chan.kim",
                        "Kim L.", "kim@example.com", true, List.of(), List.of(), List.of(), kim.contacts()));
    }

    @Test
    void badChannelsAndContactsAreRefusedWith400NamingTheFieldAndStoreNothing() {
        Map<String, Map<String, Object>> bad = new LinkedHashMap<>();
        bad.put("contacts", Map.of("contacts", Map.of("slack", "U123")));
        bad.put("contacts.mobile", Map.of("contacts", Map.of("mobile", "call me")));
        bad.put("contacts.feishu", Map.of("contacts", Map.of("feishu", " ")));
        bad.put("contacts.wecom", Map.of("contacts", Map.of("wecom", "w".repeat(129))));
        bad.put("channels to match", Map.of("channels", List.of("Ops Chat")));
        bad.put("distinct the user's channels", Map.of("channels", List.of("email", "email")));
        bad.put("channels to be at most 10", Map.of("channels",
                IntStream.range(0, 11).mapToObj(i -> "c" + i).toList()));
        bad.forEach((field, fields) -> {
            Map<String, Object> body = new HashMap<>(fields);
            body.put("name", "Bad");
            client.put(USER, "/directory/users/chan.bad", body).expectStatus().isBadRequest()
                    .expectHeader().contentType("application/problem+json")
                    .expectBody().jsonPath("$.code").isEqualTo("invalid-input")
                    .jsonPath("$.detail").value(d -> assertThat((String) d).contains(field));
        });
        client.put(USER, "/directory/users/chan.bad", Map.of("name", "Bad",
                        "contacts", Collections.singletonMap("mobile", null)))
                .expectStatus().isBadRequest().expectHeader().contentType("application/problem+json");
        client.get(USER, "/directory/users/chan.bad").expectStatus().isNotFound();

        Map<String, Object> snapshot = Map.of("departments", List.of(), "roles", List.of(),
                "users", List.of(new DirectoryUser("chan.bad", "Bad", null, true, List.of(), List.of(),
                        List.of("email"), Map.of("mobile", "12"))));
        client.put(USER, "/directory", snapshot).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.errors[0]").value(e -> assertThat((String) e).contains("contacts.mobile"));
        client.get(USER, "/directory/users/chan.bad").expectStatus().isNotFound();
    }

    @Test
    void aSnapshotWithoutItsThreeListsIsRefused400NamingTheMissingOnesAndChangesNothing() {
        client.put(USER, "/directory/users/keep.me", new DirectoryUser(null, "Keep", null, true, null, null))
                .expectStatus().is2xxSuccessful();
        long active = users("/directory/users?active=true").size();
        long departments = list("/directory/departments", Department.class).size();

        client.put(USER, "/directory", Map.of()).expectStatus().isBadRequest()
                .expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.code").isEqualTo("invalid-input")
                .jsonPath("$.detail").value(d -> assertThat((String) d)
                        .contains("'departments', 'roles' and 'users' are missing"));
        client.put(USER, "/directory", Map.of("users", List.of(), "departments", List.of()))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d)
                        .contains("but 'roles' is missing"));
        client.put(USER, "/directory", Map.of("people", List.of(Map.of("username", "keep.me", "name", "Keep"))))
                .expectStatus().isBadRequest().expectHeader().contentType("application/problem+json");
        Map<String, Object> nullUsers = new HashMap<>(Map.of("departments", List.of(), "roles", List.of()));
        nullUsers.put("users", null);
        client.put(USER, "/directory", nullUsers).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d)
                        .contains("but 'users' is missing"));

        assertThat(users("/directory/users?active=true")).hasSize((int) active)
                .extracting(DirectoryUser::username).contains("keep.me");
        assertThat(list("/directory/departments", Department.class)).hasSize((int) departments);
    }

    @Test
    void aSyncDeactivatingMoreThanTheAllowedShareIsRefusedWholeUnlessConfirmed() {
        // enough users of this test's own that leaving them out is over 20 % of the active users and over 5
        int others = users("/directory/users?active=true").size();
        int mine = Math.max(6, others / 4 + 1);
        List<String> names = IntStream.range(0, mine).mapToObj(i -> "mass.user" + i).toList();
        names.forEach(n -> client.put(USER, "/directory/users/" + n, new DirectoryUser(null, "Mass", null, true,
                null, null)).expectStatus().is2xxSuccessful());
        int active = users("/directory/users?active=true").size();
        List<Department> departments = list("/directory/departments", Department.class);
        List<Role> roles = list("/directory/roles", Role.class);
        List<DirectoryUser> users = new ArrayList<>(users("/directory/users").stream()
                .filter(u -> !names.contains(u.username())).toList());
        // half of them left out, half listed as inactive: both deactivate
        names.subList(0, mine / 2).forEach(n -> users.add(new DirectoryUser(n, "Mass", null, false, null, null)));
        Map<String, Object> snapshot = Map.of("departments", departments, "roles", roles, "users", users);

        JsonNode refused = client.put(USER, "/directory", snapshot).expectStatus().isEqualTo(409)
                .expectHeader().contentType("application/problem+json")
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(refused.get("code").asText()).isEqualTo("mass-deactivation");
        assertThat(refused.get("detail").asText()).contains("at most 20% of the " + active + " active users")
                .contains("would deactivate " + mine + " of " + active)
                .contains("allowMassDeactivation=true");
        assertThat(refused.get("errors").toString()).contains("mass.user0");
        assertThat(users("/directory/users?active=true")).extracting(DirectoryUser::username)
                .containsAll(names).hasSize(active);
        client.put(USER, "/directory?allowMassDeactivation=false", snapshot).expectStatus().isEqualTo(409);

        SyncResult confirmed = client.put(USER, "/directory?allowMassDeactivation=true", snapshot)
                .expectStatus().isOk().expectBody(SyncResult.class).returnResult().getResponseBody();

        assertThat(confirmed.usersDeactivated() + confirmed.usersUpdated()).isEqualTo(mine);
        assertThat(users("/directory/users?active=true")).extracting(DirectoryUser::username)
                .doesNotContainAnyElementsOf(names).hasSize(active - mine);
    }

    @Test
    void nullEntriesInListsAndMapsAreRefused400NamingTheField() {
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("the user's departments", "{\"name\":\"Nully\",\"departments\":[null]}");
        bad.put("the user's roles", "{\"name\":\"Nully\",\"roles\":[\"x\",null]}");
        bad.put("the user's channels", "{\"name\":\"Nully\",\"channels\":[null]}");
        bad.put("the user's contacts.mobile", "{\"name\":\"Nully\",\"contacts\":{\"mobile\":null}}");
        bad.forEach((field, body) -> client.put(USER, "/directory/users/null.user", body)
                .expectStatus().isBadRequest().expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.code").isEqualTo("invalid-input")
                .jsonPath("$.detail").value(d -> assertThat((String) d).contains(field)));
        client.get(USER, "/directory/users/null.user").expectStatus().isNotFound();
        client.put(USER, "/directory/departments/null-dept", "{\"name\":\"D\",\"approvers\":[null]}")
                .expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("invalid-input")
                .jsonPath("$.detail").value(d -> assertThat((String) d)
                        .contains("the department's approvers without null entries"));
        client.get(USER, "/directory/departments/null-dept").expectStatus().isNotFound();

        Map<String, String> snapshots = new LinkedHashMap<>();
        snapshots.put("users without null entries, but the entry at index 0",
                "{\"departments\":[],\"roles\":[],\"users\":[null]}");
        snapshots.put("roles without null entries, but the entry at index 1",
                "{\"departments\":[],\"roles\":[{\"id\":\"r\",\"name\":\"R\"},null],\"users\":[]}");
        snapshots.put("departments without null entries",
                "{\"departments\":[null],\"roles\":[],\"users\":[]}");
        snapshots.put("user 'null.user' roles without null entries",
                "{\"departments\":[],\"roles\":[],\"users\":[{\"username\":\"null.user\",\"name\":\"N\","
                        + "\"roles\":[null]}]}");
        snapshots.put("user 'null.user' contacts.feishu",
                "{\"departments\":[],\"roles\":[],\"users\":[{\"username\":\"null.user\",\"name\":\"N\","
                        + "\"contacts\":{\"feishu\":null}}]}");
        snapshots.put("department 'd' approvers without null entries",
                "{\"departments\":[{\"id\":\"d\",\"name\":\"D\",\"approvers\":[null]}],\"roles\":[],"
                        + "\"users\":[]}");
        snapshots.forEach((field, body) -> client.put(USER, "/directory", body)
                .expectStatus().isBadRequest().expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.code").isEqualTo("invalid-input")
                .jsonPath("$.detail").value(d -> assertThat((String) d).contains(field)));
        client.get(USER, "/directory/users/null.user").expectStatus().isNotFound();
    }

    private static DirectoryUser withActive(DirectoryUser u, boolean active, List<String> roles) {
        return new DirectoryUser(u.username(), u.name(), u.email(), active, u.departments(), roles, u.channels(),
                u.contacts());
    }

    private SyncResult sync(Map<String, Object> snapshot) {
        return client.put(USER, "/directory", snapshot).expectStatus().isOk()
                .expectBody(SyncResult.class).returnResult().getResponseBody();
    }

    private List<DirectoryUser> users(String path) {
        return list(path, DirectoryUser.class);
    }

    private <T> List<T> list(String path, Class<T> type) {
        return client.get(USER, path).expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<List<T>>() {
                }).returnResult().getResponseBody().stream()
                .map(v -> JSON.convertValue(v, type)).toList();
    }
}
