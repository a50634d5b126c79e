package dev.baton.engine.validation;

import dev.baton.api.workflow.ChildTickets;
import dev.baton.api.workflow.ConditionalRoute;
import dev.baton.api.workflow.Countersign;
import dev.baton.api.workflow.Distribution;
import dev.baton.api.workflow.FieldDef;
import dev.baton.api.workflow.ParticipantKind;
import dev.baton.api.workflow.ParticipantRule;
import dev.baton.api.workflow.StateDef;
import dev.baton.api.workflow.StateType;
import dev.baton.api.workflow.TransitionDef;
import dev.baton.api.workflow.WorkflowDefinition;
import dev.baton.engine.DefinitionValidator;
import dev.baton.engine.Demo;
import dev.baton.engine.InMemoryDirectory;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Variants of the demo leave-request workflow for the definition checks' tests, and the problems
 * {@link DefinitionValidator} reports for one, against the demo directory.
 */
abstract class DefinitionVariants {
    protected final WorkflowDefinition demo = Demo.leaveRequest();

    protected final InMemoryDirectory dir = InMemoryDirectory.of(Demo.directory());


    protected static WorkflowDefinition with(WorkflowDefinition d, String key, String name, List<String> admins,
                                           List<FieldDef> fields, List<StateDef> states,
                                           List<TransitionDef> transitions) {
        return new WorkflowDefinition(key, name, d.description(), d.restrictView(), admins, fields, states,
                transitions);
    }

    protected WorkflowDefinition withFields(List<FieldDef> fields) {
        return with(demo, demo.key(), demo.name(), demo.admins(), fields, demo.states(), demo.transitions());
    }

    protected WorkflowDefinition withStates(List<StateDef> states) {
        return with(demo, demo.key(), demo.name(), demo.admins(), demo.fields(), states, demo.transitions());
    }

    protected WorkflowDefinition withTransitions(List<TransitionDef> transitions) {
        return with(demo, demo.key(), demo.name(), demo.admins(), demo.fields(), demo.states(), transitions);
    }

    protected WorkflowDefinition mapState(String key, UnaryOperator<StateDef> change) {
        return withStates(demo.states().stream().map(s -> s.key().equals(key) ? change.apply(s) : s).toList());
    }

    protected WorkflowDefinition mapTransition(String key, UnaryOperator<TransitionDef> change) {
        return withTransitions(demo.transitions().stream()
                .map(t -> t.key().equals(key) ? change.apply(t) : t).toList());
    }

    protected static StateDef participants(StateDef s, ParticipantRule rule) {
        return new StateDef(s.key(), s.name(), s.type(), s.order(), s.hidden(), s.fields(), rule, s.distribution());
    }

    protected static StateDef sharing(StateDef s, ParticipantRule rule, Distribution distribution,
                                    Countersign countersign) {
        return new StateDef(s.key(), s.name(), s.type(), s.order(), s.hidden(), s.fields(), rule, distribution,
                countersign);
    }

    protected WorkflowDefinition directorsCountersign(Countersign countersign) {
        return mapState("director_approval", s -> sharing(s, s.participants(), Distribution.ALL, countersign));
    }

    protected WorkflowDefinition leaderPanel(Countersign countersign) {
        return mapState("leader_approval", s -> sharing(s, ParticipantRule.of(ParticipantKind.USERS, "lena", "sam"),
                Distribution.ALL, countersign));
    }

    protected WorkflowDefinition leaderRule(ParticipantRule rule) {
        return mapState("leader_approval", s -> participants(s, rule));
    }

    protected WorkflowDefinition withFieldsAndLeaderRule(List<FieldDef> extra, ParticipantRule rule) {
        List<FieldDef> fields = new ArrayList<>(demo.fields());
        fields.addAll(extra);
        return with(demo, demo.key(), demo.name(), demo.admins(), fields,
                leaderRule(rule).states(), demo.transitions());
    }

    /** ops_handling starting {@code children} instead of having participants. */
    protected WorkflowDefinition opsStartsChildren(ParticipantRule rule, ChildTickets children) {
        return mapState("ops_handling", s -> new StateDef(s.key(), s.name(), s.type(), s.order(), s.hidden(),
                s.fields(), rule, s.distribution(), null, false, null, children));
    }

    protected WorkflowDefinition withEventHooks(List<dev.baton.api.workflow.EventHook> hooks) {
        return new WorkflowDefinition(demo.key(), demo.name(), demo.description(), demo.restrictView(), demo.admins(),
                demo.fields(), demo.states(), demo.transitions(), demo.startPermission(), demo.viewPermission(),
                demo.forbidDelegation(), hooks);
    }

    protected WorkflowDefinition withTemplates(List<dev.baton.api.workflow.NotificationTemplate> templates) {
        return new WorkflowDefinition(demo.key(), demo.name(), demo.description(), demo.restrictView(), demo.admins(),
                demo.fields(), demo.states(), demo.transitions(), demo.startPermission(), demo.viewPermission(),
                demo.forbidDelegation(), List.of(), templates);
    }

    protected static StateDef type(StateDef s, StateType type) {
        return new StateDef(s.key(), s.name(), type, s.order(), s.hidden(), s.fields(), s.participants(),
                s.distribution());
    }

    protected static TransitionDef to(TransitionDef t, String to) {
        return new TransitionDef(t.key(), t.name(), t.from(), to, t.kind(), t.checkRequiredFields(), t.routes());
    }

    protected static TransitionDef routes(TransitionDef t, ConditionalRoute... routes) {
        return new TransitionDef(t.key(), t.name(), t.from(), t.to(), t.kind(), t.checkRequiredFields(),
                List.of(routes));
    }

    protected static <T> List<T> plus(List<T> list, T extra) {
        List<T> copy = new ArrayList<>(list);
        copy.add(extra);
        return copy;
    }

    protected List<String> problems(WorkflowDefinition def) {
        return DefinitionValidator.validate(def, dir);
    }
}
