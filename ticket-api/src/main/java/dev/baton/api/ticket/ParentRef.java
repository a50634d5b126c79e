package dev.baton.api.ticket;

/** The ticket that started this one as a child, and the state it waits in. */
public record ParentRef(String ticketId, String serialNo, String state) {
}
