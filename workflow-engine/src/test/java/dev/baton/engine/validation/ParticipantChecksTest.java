package dev.baton.engine.validation;

import dev.baton.api.workflow.Fallback;
import dev.baton.api.workflow.FieldDef;
import dev.baton.api.workflow.FieldType;
import dev.baton.api.workflow.ParticipantKind;
import dev.baton.api.workflow.ParticipantRule;
import dev.baton.api.workflow.StateDef;
import dev.baton.api.workflow.WorkflowDefinition;
import org.junit.jupiter.api.Test;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/** Who handles a state: participant rules, relative rules, names in the directory, fallbacks. */
class ParticipantChecksTest extends DefinitionVariants {
    @Test
    void relativeAndHistoryRulesAreValidWhereTheyNameFittingFieldsAndStates() {
        assertThat(problems(leaderRule(ParticipantRule.relative(ParticipantKind.LEADER, null, null)))).isEmpty();
        assertThat(problems(leaderRule(ParticipantRule.relative(ParticipantKind.ANCESTOR_LEADER, "creator", 2))))
                .isEmpty();
        assertThat(problems(withFieldsAndLeaderRule(List.of(new FieldDef("manager", "Manager", FieldType.USER, null)),
                ParticipantRule.relative(ParticipantKind.SKIP_LEVEL_LEADER, "field:manager", null)))).isEmpty();
        assertThat(problems(withFieldsAndLeaderRule(List.of(new FieldDef("team", "Team", FieldType.TEXT, null)),
                ParticipantRule.relative(ParticipantKind.DEPARTMENT_APPROVERS, "field:team", null)))).isEmpty();
        assertThat(problems(mapState("ops_handling", s -> participants(s,
                ParticipantRule.of(ParticipantKind.HANDLER_OF, "leader_approval"))))).isEmpty();
    }

    @Test
    void departmentMembersAndRoleInDepartmentNameKnownDepartmentsAndRoles() {
        assertThat(problems(leaderRule(ParticipantRule.of(ParticipantKind.DEPARTMENT_MEMBERS, "engineering"))))
                .isEmpty();
        assertThat(problems(leaderRule(ParticipantRule.of(ParticipantKind.ROLE_IN_DEPARTMENT, "director", "company"))))
                .isEmpty();
        assertThat(problems(leaderRule(ParticipantRule.relative(ParticipantKind.ROLE_IN_DEPARTMENT, "creator", null))))
                .containsExactly("State 'leader_approval' has a ROLE_IN_DEPARTMENT participant rule naming no role; "
                        + "it must name a role, then any departments");
        assertThat(problems(leaderRule(ParticipantRule.of(ParticipantKind.ROLE_IN_DEPARTMENT, "auditor", "nowhere"))))
                .containsExactly("State 'leader_approval' names unknown role 'auditor'",
                        "State 'leader_approval' names unknown department 'nowhere'");
        assertThat(problems(leaderRule(ParticipantRule.of(ParticipantKind.DEPARTMENT_MEMBERS, "nowhere"))))
                .containsExactly("State 'leader_approval' names unknown department 'nowhere'");
        assertThat(problems(leaderRule(ParticipantRule.external("ftp://files.example/x", null))))
                .containsExactly("State 'leader_approval' has an EXTERNAL participant rule; it must name one http or "
                        + "https URL, but names [ftp://files.example/x]");
        assertThat(problems(leaderRule(ParticipantRule.external("https://cmdb.example/owners", 120))))
                .containsExactly("State 'leader_approval' has an EXTERNAL participant rule timing out after 120 s; it "
                        + "must be 1 to 60");
    }

    @Test
    void relativeRulesNamingUnfitSubjectsOrLevelsAreReported() {
        assertThat(problems(leaderRule(ParticipantRule.relative(ParticipantKind.LEADER, "field:reason", null))))
                .containsExactly("State 'leader_approval' is relative to field 'reason' of type TEXTAREA; a LEADER "
                        + "rule needs one of [USER, MULTI_USER]");
        assertThat(problems(leaderRule(ParticipantRule.relative(ParticipantKind.LEADER, "the boss", null))))
                .containsExactly("State 'leader_approval' is relative to 'the boss'; expected 'creator' or "
                        + "'field:<key>' of a known field");
        assertThat(problems(leaderRule(ParticipantRule.relative(ParticipantKind.ANCESTOR_LEADER, null, 0))))
                .containsExactly("State 'leader_approval' has an ANCESTOR_LEADER participant rule without a level of "
                        + "at least 1");
        assertThat(problems(leaderRule(new ParticipantRule(ParticipantKind.ROLE, List.of("director"), "creator", 2))))
                .containsExactly("State 'leader_approval' sets 'of' on a ROLE participant rule; only the relative "
                                + "kinds (leaders, department leaders and approvers) take it",
                        "State 'leader_approval' sets a level on a ROLE participant rule; only ANCESTOR_LEADER takes "
                                + "one");
    }

    @Test
    void fieldAndHandlerRulesMustNameAUserFieldAndANonEndState() {
        assertThat(problems(leaderRule(ParticipantRule.of(ParticipantKind.FIELD, "days")))).containsExactly(
                "State 'leader_approval' has a FIELD participant rule; it must name one USER or MULTI_USER field, "
                        + "but names [days]");
        assertThat(problems(leaderRule(ParticipantRule.of(ParticipantKind.HANDLER_OF, "done")))).containsExactly(
                "State 'leader_approval' has a HANDLER_OF participant rule; it must name one state that is not an "
                        + "end state, but names [done]");
    }

    @Test
    void aFallbackMustNameSomeoneWhoCanTakeTheTicket() {
        UnaryOperator<StateDef> toGhost = s -> new StateDef(s.key(), s.name(), s.type(), s.order(), s.hidden(),
                s.fields(), s.participants(), s.distribution(), null, false, new Fallback(Fallback.Kind.USER, "ghost"));
        assertThat(problems(mapState("leader_approval", toGhost))).containsExactly(
                "State 'leader_approval' has a fallback to 'ghost', who is not an active user");
        WorkflowDefinition noAdmins = with(demo, demo.key(), demo.name(), List.of(), demo.fields(),
                mapState("leader_approval", s -> new StateDef(s.key(), s.name(), s.type(), s.order(), s.hidden(),
                        s.fields(), s.participants(), s.distribution(), null, false,
                        new Fallback(Fallback.Kind.ADMINS, null))).states(), demo.transitions());
        assertThat(problems(noAdmins)).containsExactly(
                "State 'leader_approval' falls back to the workflow's admins, but the workflow has none");
    }

    @Test
    void normalStateWithoutParticipantRuleIsReported() {
        assertThat(problems(mapState("ops_handling", s -> participants(s, null))))
                .containsExactly("State 'ops_handling' has no participant rule");
        assertThat(problems(mapState("ops_handling", s -> participants(s, new ParticipantRule(null, List.of())))))
                .containsExactly("State 'ops_handling' has no participant rule");
    }

    @Test
    void userRuleWithoutExactlyOneUserIsReported() {
        assertThat(problems(mapState("ops_handling",
                s -> participants(s, ParticipantRule.of(ParticipantKind.USER, "alice", "bob")))))
                .containsExactly("State 'ops_handling' has a USER participant rule naming 2 users; it must name "
                        + "exactly one");
    }

    @Test
    void usersDepartmentOrRoleRuleNamingNobodyIsReported() {
        assertThat(problems(mapState("ops_handling", s -> participants(s, ParticipantRule.of(ParticipantKind.USERS)))))
                .containsExactly("State 'ops_handling' has a USERS participant rule naming no user; it must name "
                        + "at least one");
        assertThat(problems(mapState("ops_handling",
                s -> participants(s, ParticipantRule.of(ParticipantKind.DEPARTMENT)))))
                .containsExactly("State 'ops_handling' has a DEPARTMENT participant rule naming no department; it "
                        + "must name at least one");
        assertThat(problems(mapState("ops_handling", s -> participants(s, ParticipantRule.of(ParticipantKind.ROLE)))))
                .containsExactly("State 'ops_handling' has a ROLE participant rule naming no role; it must name at "
                        + "least one");
    }

    @Test
    void unknownOrInactiveUsersInARuleAreReported() {
        assertThat(problems(mapState("ops_handling",
                s -> participants(s, ParticipantRule.of(ParticipantKind.USERS, "alice", "ghost", "nobody")))))
                .containsExactly("State 'ops_handling' names inactive user 'ghost'",
                        "State 'ops_handling' names unknown user 'nobody'");
    }

    @Test
    void unknownDepartmentInARuleIsReported() {
        assertThat(problems(mapState("ops_handling",
                s -> participants(s, ParticipantRule.of(ParticipantKind.DEPARTMENT, "ops", "legal")))))
                .containsExactly("State 'ops_handling' names unknown department 'legal'");
    }

    @Test
    void unknownRoleInARuleIsReported() {
        assertThat(problems(mapState("director_approval",
                s -> participants(s, ParticipantRule.of(ParticipantKind.ROLE, "cfo")))))
                .containsExactly("State 'director_approval' names unknown role 'cfo'");
    }
}
