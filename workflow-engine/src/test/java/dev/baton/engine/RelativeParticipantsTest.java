package dev.baton.engine;

import dev.baton.api.workflow.ParticipantKind;
import dev.baton.api.workflow.ParticipantRule;
import dev.baton.engine.ParticipantResolver.Context;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rules relative to the creator, to a field, or to the ticket's history, on the demo directory: company (leader
 * ceo) above engineering (leader lena: alice, bob, lena), sales (leader sam, approver sara: sam, sara, sue) and ops
 * (leader oscar).
 */
class RelativeParticipantsTest {
    private final InMemoryDirectory dir = InMemoryDirectory.of(Demo.directory());

    private List<String> resolve(ParticipantRule rule, String creator) {
        return ParticipantResolver.resolve(rule, Context.creator(creator), dir);
    }

    private List<String> resolve(ParticipantRule rule, Map<String, Object> fields, Map<String, String> handlers) {
        return ParticipantResolver.resolve(rule, new Context("alice", fields, handlers), dir);
    }

    private static ParticipantRule ofCreator(ParticipantKind kind) {
        return ParticipantRule.relative(kind, null, null);
    }

    @Test
    void theDirectLeaderIsTheLeaderOfTheUsersDepartment() {
        assertThat(resolve(ofCreator(ParticipantKind.LEADER), "alice")).containsExactly("lena");
    }

    @Test
    void aLeadersDirectLeaderIsTheNearestOtherLeaderAbove() {
        assertThat(resolve(ofCreator(ParticipantKind.LEADER), "lena")).containsExactly("ceo");
        assertThat(resolve(ofCreator(ParticipantKind.LEADER), "ceo")).isEmpty();
    }

    @Test
    void theSkipLevelLeaderIsTheLeadersLeader() {
        assertThat(resolve(ofCreator(ParticipantKind.SKIP_LEVEL_LEADER), "alice")).containsExactly("ceo");
        assertThat(resolve(ofCreator(ParticipantKind.SKIP_LEVEL_LEADER), "sue")).containsExactly("ceo");
    }

    @Test
    void theAncestorLeaderCountsLevelsUpwardsFromTheOwnDepartment() {
        assertThat(resolve(ParticipantRule.relative(ParticipantKind.ANCESTOR_LEADER, null, 1), "alice"))
                .containsExactly("lena");
        assertThat(resolve(ParticipantRule.relative(ParticipantKind.ANCESTOR_LEADER, null, 2), "alice"))
                .containsExactly("ceo");
        assertThat(resolve(ParticipantRule.relative(ParticipantKind.ANCESTOR_LEADER, null, 3), "alice")).isEmpty();
    }

    @Test
    void departmentLeadersAndApproversOfTheCreatorsDepartment() {
        assertThat(resolve(ofCreator(ParticipantKind.DEPARTMENT_LEADER), "sue")).containsExactly("sam");
        assertThat(resolve(ofCreator(ParticipantKind.PARENT_DEPARTMENT_LEADER), "sue")).containsExactly("ceo");
        assertThat(resolve(ofCreator(ParticipantKind.DEPARTMENT_APPROVERS), "sue")).containsExactly("sara");
        assertThat(resolve(ofCreator(ParticipantKind.DEPARTMENT_APPROVERS), "alice")).containsExactly("lena");
    }

    @Test
    void aRuleRelativeToAUserFieldWorksFromTheUsersItNames() {
        ParticipantRule managersLeader = ParticipantRule.relative(ParticipantKind.LEADER, "field:manager", null);
        assertThat(resolve(managersLeader, Map.of("manager", "sue"), Map.of())).containsExactly("sam");
        assertThat(resolve(managersLeader, Map.of("manager", List.of("sue", "bob")), Map.of()))
                .containsExactly("lena", "sam");
        assertThat(resolve(managersLeader, Map.of(), Map.of())).isEmpty();
    }

    @Test
    void aRuleRelativeToADepartmentFieldWorksFromTheDepartmentsItNames() {
        ParticipantRule teamApprovers = ParticipantRule.relative(ParticipantKind.DEPARTMENT_APPROVERS, "field:team",
                null);
        assertThat(resolve(teamApprovers, Map.of("team", "sales"), Map.of())).containsExactly("sara");
        assertThat(resolve(teamApprovers, Map.of("team", List.of("sales", "ops")), Map.of()))
                .containsExactly("oscar", "sara");
        assertThat(resolve(teamApprovers, Map.of("team", "nowhere"), Map.of())).isEmpty();
    }

    @Test
    void aFieldRuleNamesTheActiveUsersTheFieldHolds() {
        ParticipantRule reviewers = ParticipantRule.of(ParticipantKind.FIELD, "reviewers");
        assertThat(resolve(reviewers, Map.of("reviewers", List.of("bob", "ghost", "sue")), Map.of()))
                .containsExactly("bob", "sue");
        assertThat(resolve(reviewers, Map.of("reviewers", "dina"), Map.of())).containsExactly("dina");
    }

    @Test
    void theHandlerOfAStateIsWhoeverHandledItLastWhileActive() {
        ParticipantRule sameLeader = ParticipantRule.of(ParticipantKind.HANDLER_OF, "leader_approval");
        assertThat(resolve(sameLeader, Map.of(), Map.of("leader_approval", "lena"))).containsExactly("lena");
        assertThat(resolve(sameLeader, Map.of(), Map.of("leader_approval", "ghost"))).isEmpty();
        assertThat(resolve(sameLeader, Map.of(), Map.of())).isEmpty();
    }

    @Test
    void inactiveLeadersAreNeverAssigned() {
        InMemoryDirectory withGhostLeader = new InMemoryDirectory();
        withGhostLeader.putDepartment(Fixtures.department("team", null, "old"));
        withGhostLeader.putUser(Fixtures.user("amy", "team"));
        withGhostLeader.putUser(Fixtures.inactive("old", "team"));
        assertThat(ParticipantResolver.resolve(ofCreator(ParticipantKind.LEADER), Context.creator("amy"),
                withGhostLeader)).isEmpty();
    }
}
