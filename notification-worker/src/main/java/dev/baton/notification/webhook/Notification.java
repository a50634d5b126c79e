package dev.baton.notification.webhook;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.baton.api.ticket.StateRef;
import dev.baton.notification.recipient.Action;
import dev.baton.notification.recipient.Reason;
import dev.baton.notification.recipient.Recipient;

import java.time.Instant;
import java.util.List;

/**
 * The JSON body posted to the webhook.
 *
 * @param deliveryId   also sent as {@code Idempotency-Key}: the same for a redelivered event, so a receiver that
 *                     honours it never notifies twice
 * @param eventType    the event's CloudEvents type, e.g. {@code dev.baton.ticket.TicketHandled.v1}
 * @param serialNo     from the ticket's creation; null when this worker never saw it (likewise title, workflow)
 * @param state        the ticket's state after the event, when the event carries one
 * @param action       what the actor did (the transition, for a handled ticket)
 * @param reason       why the recipients are told
 * @param recipients   who to tell; users unknown to the directory carry their username only
 */
@JsonPropertyOrder({"deliveryId", "eventId", "eventType", "ticketId", "serialNo", "title", "workflowKey",
        "workflowName", "state", "action", "reason", "actor", "at", "recipients", "comment"})
public record Notification(String deliveryId, String eventId, String eventType, String ticketId, String serialNo,
                           String title, String workflowKey, String workflowName, StateRef state, Action action,
                           Reason reason, String actor, Instant at, List<Recipient> recipients, String comment) {
    public Notification {
        recipients = List.copyOf(recipients);
    }
}
