package dev.baton.query.list;

import java.util.List;

/** A page of a list; {@code nextCursor} is null on the last page. */
public record TicketPage(List<TicketSummary> items, String nextCursor) {
}
