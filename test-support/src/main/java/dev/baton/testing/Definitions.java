package dev.baton.testing;

import dev.baton.api.workflow.EventHook;
import dev.baton.api.workflow.StateDef;
import dev.baton.api.workflow.TransitionDef;
import dev.baton.api.workflow.WorkflowDefinition;

/** Variants of a workflow definition for tests: another key, a renamed state, delegation forbidden, a serial prefix. */
public final class Definitions {
    private Definitions() {
    }

    /** {@code definition} under another key (its start and view permissions kept). */
    public static WorkflowDefinition withKey(WorkflowDefinition d, String key) {
        return new WorkflowDefinition(key, d.name(), d.description(), d.restrictView(), d.admins(), d.fields(),
                d.states(), d.transitions(), d.startPermission(), d.viewPermission(), d.forbidDelegation(),
                d.eventHooks(), d.notifications(), d.serialPrefix());
    }

    /** {@code definition} with state {@code from} renamed to {@code to} (named {@code name}), transitions following. */
    public static WorkflowDefinition withStateRenamed(WorkflowDefinition d, String from, String to, String name) {
        return new WorkflowDefinition(d.key(), d.name(), d.description(), d.restrictView(), d.admins(), d.fields(),
                d.states().stream().map(s -> !s.key().equals(from) ? s : new StateDef(to, name, s.type(), s.order(),
                        s.hidden(), s.fields(), s.participants(), s.distribution(), s.countersign(), s.withdrawable(),
                        s.fallback(), s.children(), s.timers(), s.hook())).toList(),
                d.transitions().stream().map(t -> new TransitionDef(t.key(), t.name(),
                        t.from().equals(from) ? to : t.from(), t.to().equals(from) ? to : t.to(), t.kind(),
                        t.checkRequiredFields(), t.routes())).toList(),
                d.startPermission(), d.viewPermission(), d.forbidDelegation(), d.eventHooks(), d.notifications(),
                d.serialPrefix());
    }

    /** {@code definition} telling {@code hooks} of its tickets' events. */
    public static WorkflowDefinition withEventHooks(WorkflowDefinition d, java.util.List<EventHook> hooks) {
        return new WorkflowDefinition(d.key(), d.name(), d.description(), d.restrictView(), d.admins(), d.fields(),
                d.states(), d.transitions(), d.startPermission(), d.viewPermission(), d.forbidDelegation(), hooks,
                d.notifications(), d.serialPrefix());
    }

    /** {@code definition} whose tickets' serial numbers start with {@code prefix}. */
    public static WorkflowDefinition withSerialPrefix(WorkflowDefinition d, String prefix) {
        return new WorkflowDefinition(d.key(), d.name(), d.description(), d.restrictView(), d.admins(), d.fields(),
                d.states(), d.transitions(), d.startPermission(), d.viewPermission(), d.forbidDelegation(),
                d.eventHooks(), d.notifications(), prefix);
    }

    /** {@code definition} with delegation forbidden (or allowed). */
    public static WorkflowDefinition withDelegationForbidden(WorkflowDefinition d, boolean forbidden) {
        return new WorkflowDefinition(d.key(), d.name(), d.description(), d.restrictView(), d.admins(), d.fields(),
                d.states(), d.transitions(), d.startPermission(), d.viewPermission(), forbidden, d.eventHooks(),
                d.notifications(), d.serialPrefix());
    }
}
