package dev.baton.api.ticket.command;

import java.util.Map;

/**
 * Change field values without taking a transition: the acting participant, only fields editable in the current
 * state; a workflow admin or admin application, any field. A null value clears the field.
 */
public record PatchFields(String ticketId, String actor, String appId, Map<String, Object> fields, String comment,
                          Long expectedVersion) implements TicketCommand {
}
