package dev.baton.command.workload;

import dev.baton.api.ticket.Assignment;
import dev.baton.api.ticket.TicketStatus;
import dev.baton.api.ticket.event.CountersignRecorded;
import dev.baton.api.ticket.event.ParticipantsResolved;
import dev.baton.api.ticket.event.SignAdded;
import dev.baton.api.ticket.event.SignFinished;
import dev.baton.api.ticket.event.TicketAccepted;
import dev.baton.api.ticket.event.TicketClosed;
import dev.baton.api.ticket.event.TicketCreated;
import dev.baton.api.ticket.event.TicketDeleted;
import dev.baton.api.ticket.event.TicketEvent;
import dev.baton.api.ticket.event.TicketHandled;
import dev.baton.api.ticket.event.TicketJumped;
import dev.baton.api.ticket.event.TicketMigrated;
import dev.baton.api.ticket.event.TicketReassigned;
import dev.baton.api.ticket.event.TicketReleased;
import dev.baton.api.ticket.event.TicketSentBack;
import dev.baton.api.ticket.event.TicketTransferred;
import dev.baton.api.ticket.event.TicketWithdrawn;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The open work of each user, from ticket-command's own event store (a tracking processor, off the command path):
 * one {@code open_work} row per user who must act on an open ticket now. Each event that changes who must act
 * replaces its ticket's rows; a ticket that ends has none. Applying an event twice gives the same rows. A batch of
 * events is written as one delete and one insert, in the batch's transaction.
 */
@Component
@ProcessingGroup(WorkloadProjection.PROCESSING_GROUP)
public class WorkloadProjection {
    public static final String PROCESSING_GROUP = "workload";
    private static final String PENDING = WorkloadProjection.class.getName() + ".pending";

    private final JdbcTemplate jdbc;

    public WorkloadProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    public void on(TicketEvent event) {
        openWork(event).ifPresent(users -> {
            if (CurrentUnitOfWork.isStarted()) {
                batch().put(event.ticketId(), users);
            } else {
                write(Map.of(event.ticketId(), users)); // a direct call, outside any unit of work
            }
        });
    }

    /**
     * The open work the current batch of events leaves, by ticket (a ticket's later event replaces its earlier one),
     * written in two statements just before the batch's transaction commits, whatever the batch's size.
     */
    private Map<String, List<String>> batch() {
        return CurrentUnitOfWork.get().root().getOrComputeResource(PENDING, key -> {
            Map<String, List<String>> batch = new LinkedHashMap<>();
            CurrentUnitOfWork.get().root().onPrepareCommit(uow -> write(batch));
            return batch;
        });
    }

    private void write(Map<String, List<String>> batch) {
        if (batch.isEmpty()) {
            return;
        }
        String[] tickets = batch.keySet().toArray(String[]::new);
        List<String> rowTickets = new ArrayList<>();
        List<String> rowUsers = new ArrayList<>();
        batch.forEach((ticket, users) -> users.stream().distinct().forEach(u -> {
            rowTickets.add(ticket);
            rowUsers.add(u);
        }));
        jdbc.update("DELETE FROM open_work WHERE ticket_id = ANY (?)", (Object) tickets);
        if (!rowTickets.isEmpty()) {
            jdbc.update("INSERT INTO open_work (ticket_id, username) SELECT * FROM unnest(?::text[], ?::text[])"
                    + " ON CONFLICT DO NOTHING", rowTickets.toArray(String[]::new), rowUsers.toArray(String[]::new));
        }
    }

    /** Who must act after {@code event}, when it changes that; empty when it leaves it as it was. */
    static Optional<List<String>> openWork(TicketEvent event) {
        if (event instanceof TicketClosed || event instanceof TicketDeleted) {
            return Optional.of(List.of());
        }
        if (event instanceof TicketCreated e) {
            return users(e.assignment(), e.status());
        }
        if (event instanceof TicketHandled e) {
            return users(e.assignment(), e.status());
        }
        if (event instanceof TicketSentBack e) {
            return users(e.assignment(), e.status());
        }
        if (event instanceof TicketJumped e) {
            return users(e.assignment(), e.status());
        }
        Assignment assignment = event instanceof CountersignRecorded e ? e.assignment()
                : event instanceof TicketAccepted e ? e.assignment()
                : event instanceof TicketReleased e ? e.assignment()
                : event instanceof TicketTransferred e ? e.assignment()
                : event instanceof SignAdded e ? e.assignment()
                : event instanceof SignFinished e ? e.assignment()
                : event instanceof TicketReassigned e ? e.assignment()
                : event instanceof TicketWithdrawn e ? e.assignment()
                : event instanceof TicketMigrated e ? e.assignment()
                : event instanceof ParticipantsResolved e ? e.assignment()
                : null;
        return assignment == null ? Optional.empty() : Optional.of(assignment.users());
    }

    private static Optional<List<String>> users(Assignment assignment, TicketStatus status) {
        return Optional.of(status.open() ? assignment.users() : List.of());
    }
}
