package dev.baton.notification.delivery;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.baton.api.ticket.StateRef;
import dev.baton.notification.recipient.Action;
import dev.baton.notification.recipient.Reason;
import dev.baton.notification.recipient.Recipient;

import java.time.Instant;
import java.util.List;

/**
 * The JSON body a webhook channel posts: one notice to one recipient, with its rendered text.
 *
 * @param deliveryId also sent as {@code Idempotency-Key}: the same for every attempt and a re-read event
 * @param eventType  the event's CloudEvents type, e.g. {@code dev.baton.ticket.TicketHandled.v1}
 * @param kind       the kind of notice ({@code NEW_TODO}, {@code ENDED}, …) whose template worded it
 * @param serialNo   from the ticket's creation; null when this worker never saw it (likewise title, workflow)
 * @param state      the ticket's state the notice is about, when known
 * @param action     what the actor did (the transition, for a handled ticket)
 * @param reason     why the recipient is told
 * @param recipients the one recipient (a list, as receivers of earlier versions read it)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"deliveryId", "eventId", "eventType", "kind", "ticketId", "serialNo", "title", "workflowKey",
        "workflowName", "state", "action", "reason", "actor", "at", "recipients", "comment", "subject", "text"})
public record Notification(String deliveryId, String eventId, String eventType, String kind, String ticketId,
                           String serialNo, String title, String workflowKey, String workflowName, StateRef state,
                           Action action, Reason reason, String actor, Instant at, List<Recipient> recipients,
                           String comment, String subject, String text) {
    public Notification {
        recipients = List.copyOf(recipients);
    }
}
