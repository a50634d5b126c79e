package dev.baton.engine;

import dev.baton.api.directory.Department;
import dev.baton.api.directory.DirectorySnapshot;
import dev.baton.api.directory.DirectoryUser;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.baton.engine.Fixtures.department;
import static dev.baton.engine.Fixtures.role;
import static dev.baton.engine.Fixtures.user;
import static dev.baton.engine.Fixtures.withRoles;
import static org.assertj.core.api.Assertions.assertThat;

class InMemoryDirectoryTest {

    @Test
    void movingAUserUpdatesTheDepartmentIndex() {
        InMemoryDirectory dir = new InMemoryDirectory();
        dir.putUser(user("amy", "a"));
        dir.putUser(user("amy", "b"));

        assertThat(dir.membersOf("a")).isEmpty();
        assertThat(dir.membersOf("b")).extracting(DirectoryUser::username).containsExactly("amy");
    }

    @Test
    void changingRolesUpdatesTheRoleIndex() {
        InMemoryDirectory dir = new InMemoryDirectory();
        dir.putUser(withRoles(user("amy"), "x"));
        dir.putUser(withRoles(user("amy"), "y"));

        assertThat(dir.withRole("x")).isEmpty();
        assertThat(dir.withRole("y")).extracting(DirectoryUser::username).containsExactly("amy");
    }

    @Test
    void removingAUserClearsItsMemberships() {
        InMemoryDirectory dir = new InMemoryDirectory();
        dir.putUser(withRoles(user("amy", "a"), "x"));
        dir.removeUser("amy");

        assertThat(dir.user("amy")).isEmpty();
        assertThat(dir.membersOf("a")).isEmpty();
        assertThat(dir.withRole("x")).isEmpty();
    }

    @Test
    void reparentingADepartmentUpdatesTheChildIndex() {
        InMemoryDirectory dir = new InMemoryDirectory();
        dir.putDepartment(department("child", "p1", null));
        dir.putDepartment(department("p1", null, null));
        dir.putDepartment(department("p2", null, null));

        assertThat(dir.childrenOf("p1")).extracting(Department::id).containsExactly("child");
        dir.putDepartment(department("child", "p2", null));
        assertThat(dir.childrenOf("p1")).isEmpty();
        assertThat(dir.childrenOf("p2")).extracting(Department::id).containsExactly("child");
        dir.removeDepartment("child");
        assertThat(dir.childrenOf("p2")).isEmpty();
        assertThat(dir.department("child")).isEmpty();
    }

    @Test
    void rolesCanBeAddedAndRemoved() {
        InMemoryDirectory dir = new InMemoryDirectory();
        dir.putRole(role("r"));
        assertThat(dir.hasRole("r")).isTrue();
        dir.removeRole("r");
        assertThat(dir.hasRole("r")).isFalse();
        assertThat(dir.hasRole(null)).isFalse();
    }

    @Test
    void snapshotReturnsEveryRecordSorted() {
        DirectorySnapshot demo = Demo.directory();
        DirectorySnapshot snapshot = InMemoryDirectory.of(demo).snapshot();

        assertThat(snapshot.users()).containsExactlyInAnyOrderElementsOf(demo.users());
        assertThat(snapshot.users()).extracting(DirectoryUser::username).isSorted();
        assertThat(snapshot.departments()).extracting(Department::id)
                .containsExactly("company", "engineering", "ops", "sales");
        assertThat(snapshot.roles()).containsExactlyElementsOf(demo.roles());
    }

    @Test
    void concurrentUpdatesLeaveTheIndexesConsistent() throws Exception {
        InMemoryDirectory dir = new InMemoryDirectory();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        String name = "u" + (i % 50);
                        dir.putUser(user(name, (i + thread) % 2 == 0 ? "even" : "odd"));
                        dir.membersOf("even");
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        for (int i = 0; i < 50; i++) {
            DirectoryUser u = dir.user("u" + i).orElseThrow();
            String in = u.departments().get(0);
            String out = in.equals("even") ? "odd" : "even";
            assertThat(dir.membersOf(in)).contains(u);
            assertThat(dir.membersOf(out)).doesNotContain(u);
        }
        assertThat(dir.membersOf("even").size() + dir.membersOf("odd").size()).isEqualTo(50);
    }
}
