package dev.baton.api.workflow;

import java.util.Map;

/**
 * A state of a workflow.
 *
 * @param key          stable identifier
 * @param name         what people see
 * @param type         start, normal or end; exactly one start state per workflow
 * @param order        position in the step bar
 * @param hidden       left out of the step bar unless it is the current state
 * @param fields       field key to its access in this state; fields not listed are hidden here
 * @param participants who handles the state (ignored for start, where the creator acts, and end states)
 * @param distribution how the participants share the work
 * @param countersign  for {@code ALL}: how the participants' votes decide ({@code VETO} when absent)
 * @param withdrawable whether the creator may withdraw a ticket while it is in this state
 * @param fallback     who gets the ticket when the participant rule resolves to nobody ({@code REFUSE} when absent)
 * @param children     child tickets started on arrival; the ticket waits for them (no participants then)
 * @param timers       a time-out, reminders and an SLA deadline, counted from arrival
 * @param hook         an external system that handles the state instead of a person (no participants then)
 */
public record StateDef(String key, String name, StateType type, int order, boolean hidden,
                       Map<String, FieldAccess> fields, ParticipantRule participants, Distribution distribution,
                       Countersign countersign, boolean withdrawable, Fallback fallback, ChildTickets children,
                       StateTimers timers, HookDef hook) {
    public StateDef {
        fields = Entries.map("a state's fields", fields);
        distribution = distribution == null ? Distribution.ANY_ONE : distribution;
    }

    public StateDef(String key, String name, StateType type, int order, boolean hidden,
                    Map<String, FieldAccess> fields, ParticipantRule participants, Distribution distribution) {
        this(key, name, type, order, hidden, fields, participants, distribution, null, false, null, null, null,
                null);
    }

    public StateDef(String key, String name, StateType type, int order, boolean hidden,
                    Map<String, FieldAccess> fields, ParticipantRule participants, Distribution distribution,
                    Countersign countersign) {
        this(key, name, type, order, hidden, fields, participants, distribution, countersign, false, null, null,
                null, null);
    }

    public StateDef(String key, String name, StateType type, int order, boolean hidden,
                    Map<String, FieldAccess> fields, ParticipantRule participants, Distribution distribution,
                    Countersign countersign, boolean withdrawable, Fallback fallback, ChildTickets children,
                    StateTimers timers) {
        this(key, name, type, order, hidden, fields, participants, distribution, countersign, withdrawable, fallback,
                children, timers, null);
    }

    public StateDef(String key, String name, StateType type, int order, boolean hidden,
                    Map<String, FieldAccess> fields, ParticipantRule participants, Distribution distribution,
                    Countersign countersign, boolean withdrawable, Fallback fallback, ChildTickets children) {
        this(key, name, type, order, hidden, fields, participants, distribution, countersign, withdrawable, fallback,
                children, null, null);
    }

    public StateDef(String key, String name, StateType type, int order, boolean hidden,
                    Map<String, FieldAccess> fields, ParticipantRule participants, Distribution distribution,
                    Countersign countersign, boolean withdrawable, Fallback fallback) {
        this(key, name, type, order, hidden, fields, participants, distribution, countersign, withdrawable, fallback,
                null, null, null);
    }

    /** Whether arriving here starts child tickets. */
    public boolean startsChildren() {
        return children != null && !children.tickets().isEmpty();
    }

    /** The fallback in force: the configured one, or {@code REFUSE}. */
    public Fallback fallbackOrDefault() {
        return fallback == null ? Fallback.REFUSE : fallback;
    }

    /** The countersign policy in force: the configured one, or {@code VETO}. */
    public Countersign countersignOrDefault() {
        return countersign == null ? Countersign.VETO : countersign;
    }

    public FieldAccess access(String fieldKey) {
        return fields.getOrDefault(fieldKey, FieldAccess.HIDDEN);
    }
}
