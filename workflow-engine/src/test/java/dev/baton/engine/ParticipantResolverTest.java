package dev.baton.engine;

import dev.baton.api.workflow.ParticipantKind;
import dev.baton.api.workflow.ParticipantRule;
import org.junit.jupiter.api.Test;

import static dev.baton.engine.Fixtures.department;
import static dev.baton.engine.Fixtures.inactive;
import static dev.baton.engine.Fixtures.role;
import static dev.baton.engine.Fixtures.user;
import static dev.baton.engine.Fixtures.withRoles;
import static org.assertj.core.api.Assertions.assertThat;

class ParticipantResolverTest {
    private final InMemoryDirectory dir = InMemoryDirectory.of(Demo.directory());

    private static ParticipantRule rule(ParticipantKind kind, String... values) {
        return ParticipantRule.of(kind, values);
    }

    @Test
    void userKindReturnsTheNamedActiveUser() {
        assertThat(ParticipantResolver.resolve(rule(ParticipantKind.USER, "bob"), "alice", dir))
                .containsExactly("bob");
    }

    @Test
    void usersKindKeepsTheGivenOrderAndDropsDuplicates() {
        assertThat(ParticipantResolver.resolve(rule(ParticipantKind.USERS, "sue", "bob", "sue", "alice"), "x", dir))
                .containsExactly("sue", "bob", "alice");
    }

    @Test
    void usersKindDropsInactiveAndUnknownUsers() {
        assertThat(ParticipantResolver.resolve(rule(ParticipantKind.USERS, "ghost", "bob", "nobody"), "x", dir))
                .containsExactly("bob");
    }

    @Test
    void departmentKindReturnsActiveDirectMembersSortedByUsername() {
        assertThat(ParticipantResolver.resolve(rule(ParticipantKind.DEPARTMENT, "engineering"), "x", dir))
                .containsExactly("alice", "bob", "lena");
    }

    @Test
    void departmentMembersKindLeavesSubDepartmentsOut() {
        InMemoryDirectory tree = new InMemoryDirectory();
        tree.putDepartment(department("root", null, "r"));
        tree.putDepartment(department("mid", "root", "m"));
        tree.putUser(user("zed", "root"));
        tree.putUser(user("amy", "mid"));
        tree.putUser(inactive("old", "root"));

        assertThat(ParticipantResolver.resolve(rule(ParticipantKind.DEPARTMENT_MEMBERS, "root"), "x", tree))
                .containsExactly("zed");
        assertThat(ParticipantResolver.resolve(rule(ParticipantKind.DEPARTMENT, "root"), "x", tree))
                .containsExactly("amy", "zed");
    }

    @Test
    void roleInDepartmentKindTakesTheRolesHoldersWithinTheDepartmentsOrTheSubjects() {
        InMemoryDirectory tree = new InMemoryDirectory();
        tree.putDepartment(department("root", null, "r"));
        tree.putDepartment(department("finance", "root", "f"));
        tree.putDepartment(department("payroll", "finance", "p"));
        tree.putDepartment(department("sales", "root", "s"));
        tree.putRole(role("controller"));
        tree.putUser(withRoles(user("fay", "finance"), "controller"));
        tree.putUser(withRoles(user("pat", "payroll"), "controller"));
        tree.putUser(withRoles(user("sal", "sales"), "controller"));
        tree.putUser(withRoles(inactive("gone", "finance"), "controller"));
        tree.putUser(user("amy", "payroll"));

        assertThat(ParticipantResolver.resolve(rule(ParticipantKind.ROLE_IN_DEPARTMENT, "controller", "finance"), "x",
                tree)).containsExactly("fay", "pat");
        assertThat(ParticipantResolver.resolve(rule(ParticipantKind.ROLE_IN_DEPARTMENT, "controller"), "amy", tree))
                .as("within the creator's department").containsExactly("pat");
        assertThat(ParticipantResolver.resolve(new ParticipantRule(ParticipantKind.ROLE_IN_DEPARTMENT,
                        java.util.List.of("controller"), "field:team", null),
                new ParticipantResolver.Context("amy", java.util.Map.of("team", "sales"), java.util.Map.of()), tree))
                .as("within a department a field names").containsExactly("sal");
        assertThat(ParticipantResolver.resolve(rule(ParticipantKind.ROLE_IN_DEPARTMENT, "controller", "nowhere"),
                "x", tree)).isEmpty();
    }

    @Test
    void departmentKindIncludesSubDepartmentsRecursively() {
        InMemoryDirectory tree = new InMemoryDirectory();
        tree.putDepartment(department("root", null, "r"));
        tree.putDepartment(department("mid", "root", "m"));
        tree.putDepartment(department("leaf", "mid", "l"));
        tree.putDepartment(department("other", null, "o"));
        tree.putUser(user("zed", "root"));
        tree.putUser(user("amy", "mid"));
        tree.putUser(user("kim", "leaf"));
        tree.putUser(user("out", "other"));

        assertThat(ParticipantResolver.resolve(rule(ParticipantKind.DEPARTMENT, "root"), "x", tree))
                .containsExactly("amy", "kim", "zed");
        assertThat(ParticipantResolver.resolve(rule(ParticipantKind.DEPARTMENT, "mid"), "x", tree))
                .containsExactly("amy", "kim");
    }

    @Test
    void departmentKindOverTheWholeCompanyReturnsEveryActiveUser() {
        assertThat(ParticipantResolver.resolve(rule(ParticipantKind.DEPARTMENT, "company"), "x", dir))
                .hasSize(17)
                .doesNotContain("ghost")
                .isSorted();
    }

    @Test
    void departmentKindSurvivesACycleInTheParentChain() {
        InMemoryDirectory cyclic = new InMemoryDirectory();
        cyclic.putDepartment(department("a", "b", null));
        cyclic.putDepartment(department("b", "a", null));
        cyclic.putUser(user("ann", "a"));
        cyclic.putUser(user("ben", "b"));

        assertThat(ParticipantResolver.resolve(rule(ParticipantKind.DEPARTMENT, "a"), "x", cyclic))
                .containsExactly("ann", "ben");
    }

    @Test
    void departmentKindMergesSeveralDepartmentsWithoutDuplicates() {
        InMemoryDirectory d = new InMemoryDirectory();
        d.putDepartment(department("a", null, null));
        d.putDepartment(department("b", null, null));
        d.putUser(user("both", "a", "b"));
        d.putUser(user("only", "b"));

        assertThat(ParticipantResolver.resolve(rule(ParticipantKind.DEPARTMENT, "b", "a"), "x", d))
                .containsExactly("both", "only");
    }

    @Test
    void departmentKindDropsInactiveMembers() {
        assertThat(ParticipantResolver.resolve(rule(ParticipantKind.DEPARTMENT, "engineering"), "x", dir))
                .doesNotContain("ghost");
    }

    @Test
    void roleKindReturnsActiveHoldersSortedByUsername() {
        dir.putUser(withRoles(inactive("retired", "company"), "director"));

        assertThat(ParticipantResolver.resolve(rule(ParticipantKind.ROLE, "director"), "x", dir))
                .containsExactly("dina", "dirk", "dora");
    }

    @Test
    void creatorKindReturnsAnActiveCreator() {
        assertThat(ParticipantResolver.resolve(rule(ParticipantKind.CREATOR), "alice", dir))
                .containsExactly("alice");
    }

    @Test
    void creatorKindReturnsACreatorTheDirectoryDoesNotKnow() {
        assertThat(ParticipantResolver.resolve(rule(ParticipantKind.CREATOR), "external", dir))
                .containsExactly("external");
    }

    @Test
    void creatorKindDropsAnInactiveCreator() {
        assertThat(ParticipantResolver.resolve(rule(ParticipantKind.CREATOR), "ghost", dir)).isEmpty();
    }

    @Test
    void creatorDepartmentLeaderReturnsTheLeaderOfTheCreatorsDepartment() {
        assertThat(ParticipantResolver.resolve(rule(ParticipantKind.CREATOR_DEPARTMENT_LEADER), "alice", dir))
                .containsExactly("lena");
    }

    @Test
    void creatorDepartmentLeaderPrefersApproversOverTheLeader() {
        assertThat(ParticipantResolver.resolve(rule(ParticipantKind.CREATOR_DEPARTMENT_LEADER), "sue", dir))
                .containsExactly("sara");
    }

    @Test
    void creatorDepartmentLeaderCoversEveryDepartmentOfTheCreator() {
        dir.putUser(user("dual", "engineering", "sales"));

        assertThat(ParticipantResolver.resolve(rule(ParticipantKind.CREATOR_DEPARTMENT_LEADER), "dual", dir))
                .containsExactly("lena", "sara");
    }

    @Test
    void creatorDepartmentLeaderDropsAnInactiveLeader() {
        dir.putUser(inactive("lena", "engineering"));

        assertThat(ParticipantResolver.resolve(rule(ParticipantKind.CREATOR_DEPARTMENT_LEADER), "alice", dir))
                .isEmpty();
    }

    @Test
    void creatorDepartmentLeaderOfAnUnknownCreatorIsEmpty() {
        assertThat(ParticipantResolver.resolve(rule(ParticipantKind.CREATOR_DEPARTMENT_LEADER), "external", dir))
                .isEmpty();
    }

    @Test
    void emptyResultIsLegal() {
        assertThat(ParticipantResolver.resolve(rule(ParticipantKind.DEPARTMENT, "nowhere"), "x", dir)).isEmpty();
        assertThat(ParticipantResolver.resolve(rule(ParticipantKind.ROLE, "no-such-role"), "x", dir)).isEmpty();
        assertThat(ParticipantResolver.resolve(rule(ParticipantKind.USER, "ghost"), "x", dir)).isEmpty();
        assertThat(ParticipantResolver.resolve(null, "x", dir)).isEmpty();
    }

    @Test
    void resolvesMembersWhoseDepartmentArrivedAfterThem() {
        InMemoryDirectory late = new InMemoryDirectory();
        late.putUser(user("early", "newdept"));
        late.putRole(role("unused"));
        late.putDepartment(department("parent", null, null));
        late.putDepartment(department("newdept", "parent", "early"));

        assertThat(ParticipantResolver.resolve(rule(ParticipantKind.DEPARTMENT, "parent"), "x", late))
                .containsExactly("early");
        assertThat(ParticipantResolver.resolve(rule(ParticipantKind.CREATOR_DEPARTMENT_LEADER), "early", late))
                .containsExactly("early");
    }
}
