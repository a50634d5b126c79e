package dev.baton.api.ticket.event;

import dev.baton.api.ticket.Assignment;
import dev.baton.api.ticket.StateRef;
import dev.baton.api.ticket.TransitionRef;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * In an all-must-act state, one participant acted but others still must; the ticket stays in {@code state}.
 * {@code fields} holds the values this action set (a null value cleared the field).
 */
public record CountersignRecorded(String ticketId, String actor, Instant at, TransitionRef transition, StateRef state,
                                  Map<String, Object> fields, String comment, Assignment assignment)
        implements TicketEvent {
    public CountersignRecorded {
        fields = fields == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }
}
