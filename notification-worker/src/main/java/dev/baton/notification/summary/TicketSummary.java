package dev.baton.notification.summary;

import dev.baton.api.ticket.event.TicketCreated;

/** What a notification says about its ticket, as known from the ticket's creation. */
public record TicketSummary(String ticketId, String serialNo, String title, String workflowKey, String workflowName,
                            String creator) {

    public static TicketSummary of(TicketCreated created) {
        return new TicketSummary(created.ticketId(), created.serialNo(), created.title(), created.workflowKey(),
                created.workflowName(), created.actor());
    }

    /** For a ticket whose creation this worker never saw (e.g. it was before the topic's retention). */
    public static TicketSummary unknown(String ticketId) {
        return new TicketSummary(ticketId, null, null, null, null, null);
    }
}
