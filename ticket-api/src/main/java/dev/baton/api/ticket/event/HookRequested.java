package dev.baton.api.ticket.event;

import dev.baton.api.ticket.StateRef;
import dev.baton.api.workflow.HookDef;

import java.time.Instant;
import java.util.Map;

/**
 * The ticket arrived in a state an external system handles: the hook worker calls it and reports the outcome back as
 * a command. Carries what the call needs: the hook (its url, mode, secret name, time-out and attempts), the
 * request's payload (the ticket with its fields renamed as the hook maps them) and the delivery id that is also the
 * call's idempotency key.
 *
 * @param hookId the delivery id: this ticket, this arrival, this try
 */
public record HookRequested(String ticketId, String actor, Instant at, StateRef state, String hookId, int visit,
                            HookDef hook, Map<String, Object> payload) implements TicketEvent {
    public HookRequested {
        payload = payload == null ? Map.of() : Map.copyOf(payload);
    }
}
