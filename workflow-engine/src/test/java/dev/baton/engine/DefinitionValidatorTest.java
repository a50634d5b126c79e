package dev.baton.engine;

import dev.baton.api.workflow.ConditionalRoute;
import dev.baton.api.workflow.ChildTickets;
import dev.baton.api.workflow.Countersign;
import dev.baton.api.workflow.Distribution;
import dev.baton.api.workflow.Fallback;
import dev.baton.api.workflow.FieldAccess;
import dev.baton.api.workflow.FieldDef;
import dev.baton.api.workflow.FieldType;
import dev.baton.api.workflow.ParticipantKind;
import dev.baton.api.workflow.ParticipantRule;
import dev.baton.api.workflow.StartPermission;
import dev.baton.api.workflow.StateDef;
import dev.baton.api.workflow.StateTimers;
import dev.baton.api.workflow.StateType;
import dev.baton.api.workflow.TransitionDef;
import dev.baton.api.workflow.TransitionKind;
import dev.baton.api.workflow.ViewPermission;
import dev.baton.api.workflow.WorkflowDefinition;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

class DefinitionValidatorTest {
    private final WorkflowDefinition demo = Demo.leaveRequest();
    private final InMemoryDirectory dir = InMemoryDirectory.of(Demo.directory());

    // --- helpers building variants of the demo definition ---

    private static WorkflowDefinition with(WorkflowDefinition d, String key, String name, List<String> admins,
                                           List<FieldDef> fields, List<StateDef> states,
                                           List<TransitionDef> transitions) {
        return new WorkflowDefinition(key, name, d.description(), d.restrictView(), admins, fields, states,
                transitions);
    }

    private WorkflowDefinition withFields(List<FieldDef> fields) {
        return with(demo, demo.key(), demo.name(), demo.admins(), fields, demo.states(), demo.transitions());
    }

    private WorkflowDefinition withStates(List<StateDef> states) {
        return with(demo, demo.key(), demo.name(), demo.admins(), demo.fields(), states, demo.transitions());
    }

    private WorkflowDefinition withTransitions(List<TransitionDef> transitions) {
        return with(demo, demo.key(), demo.name(), demo.admins(), demo.fields(), demo.states(), transitions);
    }

    private WorkflowDefinition mapState(String key, UnaryOperator<StateDef> change) {
        return withStates(demo.states().stream().map(s -> s.key().equals(key) ? change.apply(s) : s).toList());
    }

    private WorkflowDefinition mapTransition(String key, UnaryOperator<TransitionDef> change) {
        return withTransitions(demo.transitions().stream()
                .map(t -> t.key().equals(key) ? change.apply(t) : t).toList());
    }

    private static StateDef participants(StateDef s, ParticipantRule rule) {
        return new StateDef(s.key(), s.name(), s.type(), s.order(), s.hidden(), s.fields(), rule, s.distribution());
    }

    private static StateDef sharing(StateDef s, ParticipantRule rule, Distribution distribution,
                                    Countersign countersign) {
        return new StateDef(s.key(), s.name(), s.type(), s.order(), s.hidden(), s.fields(), rule, distribution,
                countersign);
    }

    private WorkflowDefinition directorsCountersign(Countersign countersign) {
        return mapState("director_approval", s -> sharing(s, s.participants(), Distribution.ALL, countersign));
    }

    private WorkflowDefinition leaderPanel(Countersign countersign) {
        return mapState("leader_approval", s -> sharing(s, ParticipantRule.of(ParticipantKind.USERS, "lena", "sam"),
                Distribution.ALL, countersign));
    }

    @Test
    void aCountersignPolicyWithAQuorumIsValidOnAnAllMustActState() {
        assertThat(problems(directorsCountersign(Countersign.quorumPercent(60)))).isEmpty();
        assertThat(problems(leaderPanel(Countersign.quorum(2)))).isEmpty();
        assertThat(problems(directorsCountersign(new Countersign(Countersign.Policy.LAST_DECIDES, null, null))))
                .isEmpty();
    }

    @Test
    void aCountersignPolicyOnAStateThatIsNotAllMustActIsReported() {
        assertThat(problems(mapState("ops_handling", s -> sharing(s, s.participants(), Distribution.ACCEPT_FIRST,
                new Countersign(Countersign.Policy.UNANIMOUS, null, null))))).containsExactly(
                "State 'ops_handling' has a countersign policy but distribution ACCEPT_FIRST; a policy applies only "
                        + "to ALL");
    }

    @Test
    void aQuorumPolicyNeedsExactlyOneOfCountAndPercentage() {
        String expected = "State 'director_approval' has policy QUORUM; it needs exactly one of quorum (a count) "
                + "and quorumPercent";
        assertThat(problems(directorsCountersign(new Countersign(Countersign.Policy.QUORUM, null, null))))
                .containsExactly(expected);
        assertThat(problems(directorsCountersign(new Countersign(Countersign.Policy.QUORUM, 2, 50))))
                .containsExactly(expected);
    }

    @Test
    void aQuorumOutOfRangeIsReported() {
        assertThat(problems(directorsCountersign(Countersign.quorum(0))))
                .containsExactly("State 'director_approval' has quorum 0; it must be at least 1");
        assertThat(problems(directorsCountersign(Countersign.quorumPercent(101))))
                .containsExactly("State 'director_approval' has quorumPercent 101; it must be between 1 and 100");
        assertThat(problems(leaderPanel(Countersign.quorum(3))))
                .containsExactly("State 'leader_approval' has quorum 3 but names only 2 users");
    }

    @Test
    void aQuorumForAnotherPolicyIsReported() {
        assertThat(problems(directorsCountersign(new Countersign(Countersign.Policy.VETO, 2, null))))
                .containsExactly("State 'director_approval' sets a quorum for policy VETO; only QUORUM takes one");
    }

    private WorkflowDefinition leaderRule(ParticipantRule rule) {
        return mapState("leader_approval", s -> participants(s, rule));
    }

    private WorkflowDefinition withFieldsAndLeaderRule(List<FieldDef> extra, ParticipantRule rule) {
        List<FieldDef> fields = new ArrayList<>(demo.fields());
        fields.addAll(extra);
        return with(demo, demo.key(), demo.name(), demo.admins(), fields,
                leaderRule(rule).states(), demo.transitions());
    }

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

    /** ops_handling starting {@code children} instead of having participants. */
    private WorkflowDefinition opsStartsChildren(ParticipantRule rule, ChildTickets children) {
        return mapState("ops_handling", s -> new StateDef(s.key(), s.name(), s.type(), s.order(), s.hidden(),
                s.fields(), rule, s.distribution(), null, false, null, children));
    }

    @Test
    void aStateThatStartsChildrenNamesNoParticipantsAndTransitionsThatLeaveIt() {
        ChildTickets.Child laptop = new ChildTickets.Child("laptop", null, Map.of("user", "days"), "submit");
        assertThat(problems(opsStartsChildren(null, new ChildTickets(List.of(laptop), null, "complete", null))))
                .isEmpty();
        assertThat(problems(opsStartsChildren(null, new ChildTickets(List.of(laptop), "rejected > 0 or failed > 0",
                "complete", "complete")))).isEmpty();
        assertThat(problems(leaderRule(ParticipantRule.relative(ParticipantKind.LEADER, "parent-field:employee",
                null)))).isEmpty();
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

    private WorkflowDefinition withEventHooks(List<dev.baton.api.workflow.EventHook> hooks) {
        return new WorkflowDefinition(demo.key(), demo.name(), demo.description(), demo.restrictView(), demo.admins(),
                demo.fields(), demo.states(), demo.transitions(), demo.startPermission(), demo.viewPermission(),
                demo.forbidDelegation(), hooks);
    }

    @Test
    void eventHooksNeedAUrlASecretAndEvents() {
        WorkflowDefinition good = withEventHooks(List.of(
                new dev.baton.api.workflow.EventHook("https://crm.example/events", "crm",
                        List.of(dev.baton.api.workflow.EventHook.Kind.ENDED), null, null)));
        assertThat(problems(good)).isEmpty();
        WorkflowDefinition bad = withEventHooks(List.of(
                new dev.baton.api.workflow.EventHook("ftp://crm.example", null, List.of(), 0, 99)));
        assertThat(problems(bad)).containsExactly(
                "Event hook 1 must call an http or https URL; got 'ftp://crm.example'",
                "Event hook 1 must name the secret it is signed with; got 'null'",
                "Event hook 1 must name the events it tells of, some of [CREATED, STATE_CHANGED, ENDED, REJECTED, "
                        + "WITHDRAWN, CLOSED]",
                "Event hook 1's time-out must be 1 to 60 s; got 0",
                "Event hook 1's attempts must be 1 to 20; got 99");
    }

    private WorkflowDefinition withTemplates(List<dev.baton.api.workflow.NotificationTemplate> templates) {
        return new WorkflowDefinition(demo.key(), demo.name(), demo.description(), demo.restrictView(), demo.admins(),
                demo.fields(), demo.states(), demo.transitions(), demo.startPermission(), demo.viewPermission(),
                demo.forbidDelegation(), List.of(), templates);
    }

    @Test
    void notificationTemplatesMustParseAndNameEachKindOnce() {
        var kind = dev.baton.api.workflow.NoticeKind.class;
        WorkflowDefinition good = withTemplates(List.of(new dev.baton.api.workflow.NotificationTemplate(
                dev.baton.api.workflow.NoticeKind.NEW_TODO, "[${ticket.serialNo}] ${ticket.title}",
                "<#if ticket.fields.days gt 3>Long leave: </#if>${ticket.title} waits for you")));
        assertThat(problems(good)).isEmpty();
        WorkflowDefinition bad = withTemplates(List.of(
                new dev.baton.api.workflow.NotificationTemplate(dev.baton.api.workflow.NoticeKind.ENDED, null,
                        "Done: ${ticket.title"),
                new dev.baton.api.workflow.NotificationTemplate(dev.baton.api.workflow.NoticeKind.ENDED, "x".repeat(501),
                        "ok"),
                new dev.baton.api.workflow.NotificationTemplate(null, null, "ok"),
                new dev.baton.api.workflow.NotificationTemplate(dev.baton.api.workflow.NoticeKind.CC, "<#if>", " ")));
        assertThat(problems(bad)).hasSize(6);
        assertThat(problems(bad).get(0)).startsWith("The ENDED notification template's body is not a valid template:");
        assertThat(problems(bad).subList(1, 5)).containsExactly(
                "The ENDED notification template is given more than once",
                "The ENDED notification template's subject is 501 characters; at most 500 are allowed",
                "Notification template 3 must name its kind, one of " + java.util.Arrays.toString(kind.getEnumConstants()),
                "The CC notification template has no body");
        assertThat(problems(bad).get(5)).startsWith("The CC notification template's subject is not a valid template:");
    }

    @Test
    void childTicketMistakesAreReported() {
        ChildTickets.Child laptop = new ChildTickets.Child("laptop", null, Map.of(), "submit");
        assertThat(problems(opsStartsChildren(ParticipantRule.of(ParticipantKind.USER, "ops1"),
                new ChildTickets(List.of(laptop), null, "complete", null))))
                .containsExactly("State 'ops_handling' starts child tickets and names participants or a fallback; "
                        + "the ticket waits for its children there, nobody acts on it");
        assertThat(problems(opsStartsChildren(null, new ChildTickets(List.of(laptop), null, "leader_approve", null))))
                .containsExactly("State 'ops_handling' must name the transition its ticket takes when its children "
                        + "are done, one of [complete]; got 'leader_approve'");
        assertThat(problems(opsStartsChildren(null, new ChildTickets(List.of(laptop), "days > 1", "complete",
                "complete")))).containsExactly("State 'ops_handling' has child condition 'days > 1' naming 'days'; "
                + "it may use [closed, deleted, ended, failed, finished, open, rejected, total]");
        assertThat(problems(opsStartsChildren(null, new ChildTickets(List.of(laptop), "failed > 0", "complete",
                null)))).containsExactly("State 'ops_handling' has a condition over its children and must name the "
                + "transition taken when it never holds ('otherwise'), one of [complete]; got 'null'");
        assertThat(problems(opsStartsChildren(null, new ChildTickets(List.of(
                new ChildTickets.Child("Bad Key", null, Map.of(), null),
                new ChildTickets.Child("laptop", null, Map.of("user", "nope"), null)), null, "complete", null))))
                .containsExactly("State 'ops_handling' starts a child ticket without a valid workflow key",
                        "State 'ops_handling' fills child field 'user' of 'laptop' from unknown field 'nope'");
        assertThat(problems(opsStartsChildren(null, new ChildTickets(List.of(), null, "complete", null))))
                .containsExactly("State 'ops_handling' starts 0 child tickets; it must start 1 to 20");
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
    void aStartPermissionMustNameKnownUsersDepartmentsAndRolesAndASensibleRateLimit() {
        WorkflowDefinition limited = new WorkflowDefinition(demo.key(), demo.name(), demo.description(),
                demo.restrictView(), demo.admins(), demo.fields(), demo.states(), demo.transitions(),
                new StartPermission(List.of("alice", "nobody"), List.of("ops", "moon"), List.of("director", "king"),
                        new StartPermission.RateLimit(0, 24)));
        assertThat(problems(limited)).containsExactly(
                "The start permission's rate limit allows 0 tickets per 24 hours; it needs at least 1 ticket per 1 to "
                        + "8784 hours",
                "The start permission names unknown user 'nobody'",
                "The start permission names unknown department 'moon'",
                "The start permission names unknown role 'king'");
    }

    @Test
    void aViewPermissionMustNameKnownViewersAndFieldsOnAWorkflowThatRestrictsViewing() {
        ViewPermission auditors = new ViewPermission(List.of("ceo", "nobody"), List.of("moon"), List.of(),
                List.of("days", "salary"));
        WorkflowDefinition restricted = new WorkflowDefinition(demo.key(), demo.name(), demo.description(), true,
                demo.admins(), demo.fields(), demo.states(), demo.transitions(), null, auditors);
        assertThat(problems(restricted)).containsExactly("The view permission shows unknown field 'salary'",
                "The view permission names unknown user 'nobody'",
                "The view permission names unknown department 'moon'");
        WorkflowDefinition open = new WorkflowDefinition(demo.key(), demo.name(), demo.description(), false,
                demo.admins(), demo.fields(), demo.states(), demo.transitions(), null,
                new ViewPermission(List.of("ceo"), List.of(), List.of(), List.of("days")));
        assertThat(problems(open)).containsExactly(
                "The workflow has a view permission but does not restrict viewing; everyone may read it");
    }

    private static StateDef type(StateDef s, StateType type) {
        return new StateDef(s.key(), s.name(), type, s.order(), s.hidden(), s.fields(), s.participants(),
                s.distribution());
    }

    private static TransitionDef to(TransitionDef t, String to) {
        return new TransitionDef(t.key(), t.name(), t.from(), to, t.kind(), t.checkRequiredFields(), t.routes());
    }

    private static TransitionDef routes(TransitionDef t, ConditionalRoute... routes) {
        return new TransitionDef(t.key(), t.name(), t.from(), t.to(), t.kind(), t.checkRequiredFields(),
                List.of(routes));
    }

    private static <T> List<T> plus(List<T> list, T extra) {
        List<T> copy = new ArrayList<>(list);
        copy.add(extra);
        return copy;
    }

    private List<String> problems(WorkflowDefinition def) {
        return DefinitionValidator.validate(def, dir);
    }

    // --- tests ---

    @Test
    void demoLeaveRequestIsValidAgainstTheDemoDirectory() {
        assertThat(problems(demo)).isEmpty();
    }

    @Test
    void missingWorkflowKeyIsReported() {
        assertThat(problems(with(demo, null, demo.name(), demo.admins(), demo.fields(), demo.states(),
                demo.transitions()))).containsExactly("The workflow has no key");
    }

    @Test
    void malformedWorkflowKeyIsReported() {
        assertThat(problems(with(demo, "Leave Request", demo.name(), demo.admins(), demo.fields(), demo.states(),
                demo.transitions())))
                .containsExactly("Workflow key 'Leave Request' must match [a-z0-9][a-z0-9_-]{0,63}");
        assertThat(problems(with(demo, "x".repeat(65), demo.name(), demo.admins(), demo.fields(), demo.states(),
                demo.transitions()))).hasSize(1);
    }

    @Test
    void missingNameIsReported() {
        assertThat(problems(with(demo, demo.key(), " ", demo.admins(), demo.fields(), demo.states(),
                demo.transitions()))).containsExactly("The workflow has no name");
    }

    @Test
    void duplicateFieldKeyIsReported() {
        assertThat(problems(withFields(plus(demo.fields(), new FieldDef("days", "Again", FieldType.TEXT, null)))))
                .containsExactly("Field key 'days' is used more than once");
    }

    @Test
    void malformedFieldKeyIsReported() {
        assertThat(problems(withFields(plus(demo.fields(), new FieldDef("Bad Key", "x", FieldType.TEXT, null)))))
                .containsExactly("Field key 'Bad Key' must match [a-z0-9][a-z0-9_-]{0,63}");
    }

    @Test
    void choiceFieldWithoutOptionsIsReported() {
        assertThat(problems(withFields(plus(demo.fields(),
                new FieldDef("kind", "Kind", FieldType.SINGLE_CHOICE, List.of())))))
                .containsExactly("Choice field 'kind' has no options");
    }

    @Test
    void choiceFieldWithDuplicateOptionsIsReported() {
        assertThat(problems(withFields(plus(demo.fields(),
                new FieldDef("kind", "Kind", FieldType.MULTI_CHOICE, List.of("a", "b", "a"))))))
                .containsExactly("Choice field 'kind' lists option 'a' more than once");
    }

    @Test
    void nonChoiceFieldWithOptionsIsReported() {
        assertThat(problems(withFields(plus(demo.fields(),
                new FieldDef("count", "Count", FieldType.INTEGER, List.of("1"))))))
                .containsExactly("Field 'count' of type INTEGER must not have options; only choice fields do");
    }

    @Test
    void fieldWithoutTypeIsReported() {
        assertThat(problems(withFields(plus(demo.fields(), new FieldDef("x", "X", null, null)))))
                .containsExactly("Field 'x' has no type");
    }

    @Test
    void duplicateStateKeyIsReported() {
        StateDef again = new StateDef("done", "Done again", StateType.END, 6, false, null, null, null);
        assertThat(problems(withStates(plus(demo.states(), again))))
                .containsExactly("State key 'done' is used more than once");
    }

    @Test
    void missingStartStateIsReported() {
        assertThat(problems(mapState("draft", s -> type(s, StateType.NORMAL))))
                .contains("The workflow has no START state; exactly one is required");
    }

    @Test
    void secondStartStateIsReported() {
        assertThat(problems(mapState("leader_approval", s -> type(s, StateType.START)))).containsExactly(
                "The workflow has 2 START states ('draft', 'leader_approval'); exactly one is required");
    }

    @Test
    void missingEndStateIsReported() {
        assertThat(problems(mapState("done", s -> participants(type(s, StateType.NORMAL),
                ParticipantRule.of(ParticipantKind.USER, "alice")))))
                .containsExactly("The workflow has no END state; at least one is required",
                        "State 'done' has no outgoing transition");
    }

    @Test
    void transitionToUnknownStateIsReported() {
        assertThat(problems(mapTransition("complete", t -> to(t, "done2"))))
                .contains("Transition 'complete' goes to unknown state 'done2'");
    }

    @Test
    void transitionFromUnknownStateIsReported() {
        TransitionDef stray = new TransitionDef("stray", "Stray", "limbo", "done", TransitionKind.AGREE, false, null);
        assertThat(problems(withTransitions(plus(demo.transitions(), stray))))
                .containsExactly("Transition 'stray' starts from unknown state 'limbo'");
    }

    @Test
    void routeToUnknownStateIsReported() {
        assertThat(problems(mapTransition("leader_approve",
                t -> routes(t, new ConditionalRoute("days > 3", "nowhere"), new ConditionalRoute("days > 10",
                        "director_approval")))))
                .containsExactly("Transition 'leader_approve' routes to unknown state 'nowhere'");
    }

    @Test
    void duplicateTransitionKeyIsReported() {
        TransitionDef again = new TransitionDef("submit", "Again", "draft", "done", TransitionKind.AGREE, false, null);
        assertThat(problems(withTransitions(plus(demo.transitions(), again))))
                .containsExactly("Transition key 'submit' is used more than once");
    }

    @Test
    void transitionLeavingAnEndStateIsReported() {
        TransitionDef reopen = new TransitionDef("reopen", "Reopen", "done", "draft", TransitionKind.OTHER, false,
                null);
        assertThat(problems(withTransitions(plus(demo.transitions(), reopen))))
                .containsExactly("Transition 'reopen' leaves END state 'done'; end states have no way out");
    }

    @Test
    void stateWithoutOutgoingTransitionIsReported() {
        assertThat(problems(withTransitions(demo.transitions().stream()
                .filter(t -> !t.key().equals("complete")).toList())))
                .containsExactly("State 'ops_handling' has no outgoing transition",
                        "State 'done' cannot be reached from the start state 'draft'");
    }

    @Test
    void unreachableStateIsReported() {
        StateDef island = new StateDef("island", "Island", StateType.NORMAL, 6, false, null,
                ParticipantRule.of(ParticipantKind.USER, "alice"), Distribution.ANY_ONE);
        TransitionDef out = new TransitionDef("leave_island", "Leave", "island", "done", TransitionKind.AGREE, false,
                null);
        WorkflowDefinition def = with(demo, demo.key(), demo.name(), demo.admins(), demo.fields(),
                plus(demo.states(), island), plus(demo.transitions(), out));

        assertThat(problems(def)).containsExactly("State 'island' cannot be reached from the start state 'draft'");
    }

    @Test
    void withTwoStartStatesAStateReachableFromNeitherIsStillReported() {
        StateDef island = new StateDef("island", "Island", StateType.NORMAL, 6, false, null,
                ParticipantRule.of(ParticipantKind.USER, "alice"), Distribution.ANY_ONE);
        TransitionDef out = new TransitionDef("leave_island", "Leave", "island", "done", TransitionKind.AGREE, false,
                null);
        WorkflowDefinition def = with(demo, demo.key(), demo.name(), demo.admins(), demo.fields(),
                plus(mapState("leader_approval", s -> type(s, StateType.START)).states(), island),
                plus(demo.transitions(), out));

        assertThat(problems(def)).containsExactly(
                "The workflow has 2 START states ('draft', 'leader_approval'); exactly one is required",
                "State 'island' cannot be reached from any of the START states 'draft', 'leader_approval'");
    }

    @Test
    void stateReachableOnlyThroughARouteCountsAsReachable() {
        // director_approval is reached only via the leader_approve route in the demo
        assertThat(demo.transitions()).noneMatch(t -> "director_approval".equals(t.to()));
        assertThat(problems(demo)).isEmpty();
    }

    @Test
    void conditionThatDoesNotParseIsReported() {
        assertThat(problems(mapTransition("leader_approve",
                t -> routes(t, new ConditionalRoute("days >", "director_approval")))))
                .singleElement().asString()
                .startsWith("Transition 'leader_approve' has an invalid condition: The condition 'days >' does not parse");
    }

    @Test
    void forbiddenConditionIsReported() {
        assertThat(problems(mapTransition("leader_approve",
                t -> routes(t, new ConditionalRoute("T(java.lang.Runtime).getRuntime() != null",
                        "director_approval")))))
                .containsExactly("Transition 'leader_approve' has an invalid condition: The condition "
                        + "'T(java.lang.Runtime).getRuntime() != null' uses a type reference (T(...)), which conditions may not use");
    }

    @Test
    void emptyConditionIsReported() {
        assertThat(problems(mapTransition("leader_approve",
                t -> routes(t, new ConditionalRoute(" ", "director_approval")))))
                .containsExactly("Transition 'leader_approve' has a route with no condition");
    }

    @Test
    void conditionOnUnknownFieldIsReported() {
        assertThat(problems(mapTransition("leader_approve",
                t -> routes(t, new ConditionalRoute("dayz > 3", "director_approval")))))
                .containsExactly("Transition 'leader_approve' has condition 'dayz > 3' referencing unknown field 'dayz'");
    }

    @Test
    void conditionComparingANonNumericFieldWithANumberIsReported() {
        assertThat(problems(mapTransition("leader_approve",
                t -> routes(t, new ConditionalRoute("reason > 3 or 2.5 <= start_date or days > -1",
                        "director_approval")))))
                .containsExactly(
                        "Transition 'leader_approve' has condition 'reason > 3 or 2.5 <= start_date or days > -1' "
                                + "comparing field 'reason' (TEXTAREA) with a number; only INTEGER and DECIMAL "
                                + "fields compare with numbers",
                        "Transition 'leader_approve' has condition 'reason > 3 or 2.5 <= start_date or days > -1' "
                                + "comparing field 'start_date' (DATE) with a number; only INTEGER and DECIMAL "
                                + "fields compare with numbers");
    }

    @Test
    void stateNamingUnknownFieldIsReported() {
        assertThat(problems(mapState("draft", s -> new StateDef(s.key(), s.name(), s.type(), s.order(), s.hidden(),
                Map.of("days", FieldAccess.REQUIRED, "mood", FieldAccess.OPTIONAL), s.participants(),
                s.distribution()))))
                .containsExactly("State 'draft' names unknown field 'mood'");
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

    @Test
    void unknownAdminIsReported() {
        assertThat(problems(with(demo, demo.key(), demo.name(), List.of("admin", "root"), demo.fields(),
                demo.states(), demo.transitions())))
                .containsExactly("Admin 'root' is not a user in the directory");
    }

    @Test
    void directoryChecksAreSkippedWithoutADirectory() {
        WorkflowDefinition def = with(demo, demo.key(), demo.name(), List.of("root"), demo.fields(), demo.states(),
                demo.transitions());

        assertThat(DefinitionValidator.validate(def, null)).isEmpty();
    }

    @Test
    void everyProblemIsListedEvenWhereAnotherCheckOfTheSameElementFailed() {
        StateDef island = new StateDef("island", "Island", StateType.NORMAL, 6, false, null,
                ParticipantRule.of(ParticipantKind.USER, "alice"), Distribution.ANY_ONE);
        StateDef badKey = new StateDef("Bad State", "Bad", StateType.NORMAL, 7, false, Map.of("mood",
                FieldAccess.OPTIONAL), null, Distribution.ANY_ONE);
        StateDef timedEnd = new StateDef("closed", "Closed", StateType.END, 8, false, null, null, null, null, false,
                null, null, new StateTimers(null, new StateTimers.Reminders("soon", null, null), null));
        List<StateDef> states = new ArrayList<>(mapState("leader_approval", s -> type(s, StateType.START)).states());
        states.addAll(List.of(island, badKey, timedEnd));
        List<TransitionDef> transitions = new ArrayList<>(demo.transitions());
        transitions.add(new TransitionDef("leave_island", "Leave", "island", "done", TransitionKind.AGREE, false,
                null));
        transitions.add(new TransitionDef("submit", "Again", "draft", "nowhere", TransitionKind.AGREE, false, null));
        transitions.add(new TransitionDef("Bad Move", "Bad", "limbo", "done", TransitionKind.AGREE, false, null));
        List<FieldDef> fields = plus(demo.fields(), new FieldDef("Bad Key", "Bad", null, null));
        WorkflowDefinition def = with(demo, demo.key(), demo.name(), demo.admins(), fields, states, transitions);

        assertThat(problems(def)).containsExactly(
                "Field key 'Bad Key' must match [a-z0-9][a-z0-9_-]{0,63}",
                "Field 'Bad Key' has no type",
                "State key 'Bad State' must match [a-z0-9][a-z0-9_-]{0,63}",
                "State 'Bad State' names unknown field 'mood'",
                "State 'Bad State' has no participant rule",
                "State 'closed' is an END state and has timers; nothing waits there",
                "State 'closed''s reminders 'first' (soon) must be an ISO-8601 duration from PT1S to PT8784H, like"
                        + " PT48H or P2D",
                "The workflow has 2 START states ('draft', 'leader_approval'); exactly one is required",
                "Transition key 'submit' is used more than once",
                "Transition 'submit' goes to unknown state 'nowhere'",
                "Transition key 'Bad Move' must match [a-z0-9][a-z0-9_-]{0,63}",
                "Transition 'Bad Move' starts from unknown state 'limbo'",
                "State 'Bad State' has no outgoing transition",
                "State 'island' cannot be reached from any of the START states 'draft', 'leader_approval'",
                "State 'Bad State' cannot be reached from any of the START states 'draft', 'leader_approval'",
                "State 'closed' cannot be reached from any of the START states 'draft', 'leader_approval'");
    }

    @Test
    void multipleProblemsAreListedTogether() {
        TransitionDef reopen = new TransitionDef("reopen", "Reopen", "done", "draft2", TransitionKind.OTHER, false,
                null);
        WorkflowDefinition def = with(demo, "Bad Key", "", List.of("root"),
                plus(demo.fields(), new FieldDef("kind", "Kind", FieldType.SINGLE_CHOICE, null)),
                demo.states(), plus(demo.transitions(), reopen));

        assertThat(problems(def)).containsExactly(
                "Workflow key 'Bad Key' must match [a-z0-9][a-z0-9_-]{0,63}",
                "The workflow has no name",
                "Choice field 'kind' has no options",
                "Transition 'reopen' leaves END state 'done'; end states have no way out",
                "Transition 'reopen' goes to unknown state 'draft2'",
                "Admin 'root' is not a user in the directory");
    }
}
