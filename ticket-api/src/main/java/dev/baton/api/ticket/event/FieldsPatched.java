package dev.baton.api.ticket.event;

import java.time.Instant;
import java.util.List;

/** Field values changed outside a transition, each with its value before and after (null: empty). */
public record FieldsPatched(String ticketId, String actor, Instant at, List<Change> changes, String comment)
        implements TicketEvent {
    public FieldsPatched {
        changes = changes == null ? List.of() : List.copyOf(changes);
    }

    /** One field's change. */
    public record Change(String field, Object before, Object after) {
    }
}
