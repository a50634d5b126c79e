package dev.baton.api.workflow;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.List;

/**
 * Who handles a state: a kind and, for the fixed kinds, the users, departments or roles it names.
 *
 * @param kind   where the participants come from
 * @param values the users, departments or roles of the fixed kinds; the state of {@code HANDLER_OF}; the field of
 *               {@code FIELD}
 * @param of     for the relative kinds (leaders, department leaders and approvers): whom they are relative to,
 *               {@code creator} (the default), {@code field:<key>}, a field naming users or departments, or
 *               {@code parent-field:<key>}, such a field of the parent ticket (for a child ticket)
 * @param level  for {@code ANCESTOR_LEADER}: 1 is the subject's own department, 2 its parent, and so on upwards
 * @param timeoutSeconds for {@code EXTERNAL}: how long the endpoint may take (default
 *               {@value #DEFAULT_TIMEOUT_SECONDS}, at most {@value #MAX_TIMEOUT_SECONDS})
 */
public record ParticipantRule(ParticipantKind kind, List<String> values, String of, Integer level,
                              Integer timeoutSeconds) {
    public static final int DEFAULT_TIMEOUT_SECONDS = 10;
    public static final int MAX_TIMEOUT_SECONDS = 60;

    public static final String CREATOR = "creator";
    public static final String FIELD_PREFIX = "field:";
    public static final String PARENT_FIELD_PREFIX = "parent-field:";

    public ParticipantRule {
        values = Entries.list("a participant rule's values", values);
    }

    public ParticipantRule(ParticipantKind kind, List<String> values) {
        this(kind, values, null, null, null);
    }

    public ParticipantRule(ParticipantKind kind, List<String> values, String of, Integer level) {
        this(kind, values, of, level, null);
    }

    /** An external resolver: the users the endpoint at {@code url} answers within {@code timeoutSeconds}. */
    public static ParticipantRule external(String url, Integer timeoutSeconds) {
        return new ParticipantRule(ParticipantKind.EXTERNAL, List.of(url), null, null, timeoutSeconds);
    }

    /**
     * Whether the participants are asked of an HTTP endpoint rather than resolved from the directory. Not a property
     * of the JSON: an exported definition must read back, and definitions are read strictly.
     */
    @JsonIgnore
    public boolean isExternal() {
        return kind == ParticipantKind.EXTERNAL;
    }

    /** The external resolver's time-out in force. */
    public int timeoutOrDefault() {
        return timeoutSeconds == null ? DEFAULT_TIMEOUT_SECONDS : timeoutSeconds;
    }

    public static ParticipantRule of(ParticipantKind kind, String... values) {
        return new ParticipantRule(kind, List.of(values));
    }

    /** A relative rule: {@code kind} relative to {@code of} ({@code creator} or {@code field:<key>}). */
    public static ParticipantRule relative(ParticipantKind kind, String of, Integer level) {
        return new ParticipantRule(kind, List.of(), of, level);
    }

    /** The field the rule is relative to, or null when it is relative to the creator or a parent's field. */
    public String subjectField() {
        return of != null && of.startsWith(FIELD_PREFIX) ? of.substring(FIELD_PREFIX.length()) : null;
    }

    /** The parent ticket's field the rule is relative to, or null. */
    public String parentSubjectField() {
        return of != null && of.startsWith(PARENT_FIELD_PREFIX) ? of.substring(PARENT_FIELD_PREFIX.length()) : null;
    }
}
