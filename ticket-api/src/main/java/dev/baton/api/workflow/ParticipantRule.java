package dev.baton.api.workflow;

import java.util.List;

/** Who handles a state: a kind and, for the fixed kinds, the users, departments or roles it names. */
public record ParticipantRule(ParticipantKind kind, List<String> values) {
    public ParticipantRule {
        values = values == null ? List.of() : List.copyOf(values);
    }

    public static ParticipantRule of(ParticipantKind kind, String... values) {
        return new ParticipantRule(kind, List.of(values));
    }
}
