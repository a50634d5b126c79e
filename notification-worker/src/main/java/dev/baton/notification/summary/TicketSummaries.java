package dev.baton.notification.summary;

import dev.baton.api.ticket.event.TicketCreated;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.util.Optional;

/**
 * The {@code ticket_summary} table: a row per open ticket, filled from {@link TicketCreated} (idempotently: creation
 * is redelivered too) and deleted once the ticket has ended ({@link TicketEnd}), when no notice needs it any more.
 */
@Repository
public class TicketSummaries {
    private final JdbcTemplate jdbc;

    public TicketSummaries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void remember(TicketCreated created) {
        TicketSummary s = TicketSummary.of(created);
        jdbc.update("""
                INSERT INTO ticket_summary (ticket_id, serial_no, title, workflow_key, workflow_name, creator)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (ticket_id) DO NOTHING""",
                s.ticketId(), s.serialNo(), s.title(), s.workflowKey(), s.workflowName(), s.creator());
    }

    /** Forgets the summary of a ticket that has ended; nothing happens if there is none (a redelivered end). */
    public void forget(String ticketId) {
        jdbc.update("DELETE FROM ticket_summary WHERE ticket_id = ?", ticketId);
    }

    public Optional<TicketSummary> find(String ticketId) {
        return jdbc.query("""
                SELECT ticket_id, serial_no, title, workflow_key, workflow_name, creator
                FROM ticket_summary WHERE ticket_id = ?""",
                (rs, n) -> new TicketSummary(rs.getString("ticket_id"), rs.getString("serial_no"),
                        rs.getString("title"), rs.getString("workflow_key"), rs.getString("workflow_name"),
                        rs.getString("creator")),
                ticketId).stream().findFirst();
    }
}
