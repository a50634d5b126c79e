package dev.baton.api.workflow;

import java.util.List;
import java.util.Optional;

/**
 * A whole workflow as one document: what admins edit as a draft, what export and import exchange, and what a
 * published version freezes.
 *
 * @param key           stable identifier, e.g. {@code leave-request}
 * @param name          what people see
 * @param description   free text
 * @param restrictView  when true, only related users (and admins) may see a ticket's detail
 * @param admins        usernames that administer this workflow's tickets (close, and later force actions)
 * @param fields        the custom fields
 * @param states        the states; exactly one of type START
 * @param transitions   the transitions between states
 * @param startPermission who may start tickets and how often (everyone, without limit, when absent)
 * @param viewPermission  who else may read tickets when {@code restrictView}, and which fields they see
 * @param forbidDelegation true when users' delegations do not apply to this workflow: its work stays with whom the
 *                        rules name
 * @param eventHooks    other systems told of its tickets' events (created, state changed, ended, …)
 * @param notifications its own wording of notifications, at most one template per kind
 * @param serialPrefix  what its tickets' serial numbers start with ({@code LEAVE-20261204-000001}); the
 *                      installation's prefix when absent
 */
public record WorkflowDefinition(String key, String name, String description, boolean restrictView,
                                 List<String> admins, List<FieldDef> fields, List<StateDef> states,
                                 List<TransitionDef> transitions, StartPermission startPermission,
                                 ViewPermission viewPermission, boolean forbidDelegation,
                                 List<EventHook> eventHooks, List<NotificationTemplate> notifications,
                                 String serialPrefix) {
    public WorkflowDefinition {
        eventHooks = Entries.list("eventHooks", eventHooks);
        notifications = Entries.list("notifications", notifications);
        admins = Entries.list("admins", admins);
        fields = Entries.list("fields", fields);
        states = Entries.list("states", states);
        transitions = Entries.list("transitions", transitions);
    }

    public WorkflowDefinition(String key, String name, String description, boolean restrictView,
                              List<String> admins, List<FieldDef> fields, List<StateDef> states,
                              List<TransitionDef> transitions, StartPermission startPermission,
                              ViewPermission viewPermission, boolean forbidDelegation, List<EventHook> eventHooks,
                              List<NotificationTemplate> notifications) {
        this(key, name, description, restrictView, admins, fields, states, transitions, startPermission,
                viewPermission, forbidDelegation, eventHooks, notifications, null);
    }

    public WorkflowDefinition(String key, String name, String description, boolean restrictView,
                              List<String> admins, List<FieldDef> fields, List<StateDef> states,
                              List<TransitionDef> transitions, StartPermission startPermission,
                              ViewPermission viewPermission, boolean forbidDelegation, List<EventHook> eventHooks) {
        this(key, name, description, restrictView, admins, fields, states, transitions, startPermission,
                viewPermission, forbidDelegation, eventHooks, null);
    }

    public WorkflowDefinition(String key, String name, String description, boolean restrictView,
                              List<String> admins, List<FieldDef> fields, List<StateDef> states,
                              List<TransitionDef> transitions) {
        this(key, name, description, restrictView, admins, fields, states, transitions, null, null, false, null);
    }

    public WorkflowDefinition(String key, String name, String description, boolean restrictView,
                              List<String> admins, List<FieldDef> fields, List<StateDef> states,
                              List<TransitionDef> transitions, StartPermission startPermission,
                              ViewPermission viewPermission) {
        this(key, name, description, restrictView, admins, fields, states, transitions, startPermission,
                viewPermission, false, null);
    }

    public WorkflowDefinition(String key, String name, String description, boolean restrictView,
                              List<String> admins, List<FieldDef> fields, List<StateDef> states,
                              List<TransitionDef> transitions, StartPermission startPermission,
                              ViewPermission viewPermission, boolean forbidDelegation) {
        this(key, name, description, restrictView, admins, fields, states, transitions, startPermission,
                viewPermission, forbidDelegation, null);
    }

    public WorkflowDefinition(String key, String name, String description, boolean restrictView,
                              List<String> admins, List<FieldDef> fields, List<StateDef> states,
                              List<TransitionDef> transitions, StartPermission startPermission) {
        this(key, name, description, restrictView, admins, fields, states, transitions, startPermission, null,
                false, null);
    }

    public Optional<StateDef> state(String stateKey) {
        return states.stream().filter(s -> s.key().equals(stateKey)).findFirst();
    }

    public Optional<StateDef> startState() {
        return states.stream().filter(s -> s.type() == StateType.START).findFirst();
    }

    /** The workflow's own template for a kind of notification, if it has one. */
    public Optional<NotificationTemplate> template(NoticeKind kind) {
        return notifications.stream().filter(t -> t != null && t.kind() == kind).findFirst();
    }

    public Optional<FieldDef> field(String fieldKey) {
        return fields.stream().filter(f -> f.key().equals(fieldKey)).findFirst();
    }

    public Optional<TransitionDef> transition(String transitionKey) {
        return transitions.stream().filter(t -> t.key().equals(transitionKey)).findFirst();
    }

    public List<TransitionDef> transitionsFrom(String stateKey) {
        return transitions.stream().filter(t -> t.from().equals(stateKey)).toList();
    }
}
