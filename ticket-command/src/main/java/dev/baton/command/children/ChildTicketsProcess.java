package dev.baton.command.children;

import dev.baton.api.error.BatonException;
import dev.baton.api.ticket.ChildOutcome;
import dev.baton.api.ticket.ParentRef;
import dev.baton.api.ticket.StateRef;
import dev.baton.api.ticket.command.CreateTicket;
import dev.baton.api.ticket.command.RecordChildOutcome;
import dev.baton.api.ticket.event.ChildrenRequested;
import dev.baton.api.ticket.event.TicketClosed;
import dev.baton.api.ticket.event.TicketCreated;
import dev.baton.api.ticket.event.TicketDeleted;
import dev.baton.api.ticket.event.TicketEvent;
import dev.baton.api.ticket.event.TicketHandled;
import dev.baton.api.ticket.event.TicketJumped;
import dev.baton.api.ticket.TicketStatus;
import dev.baton.api.workflow.StateType;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Parent and child tickets, from ticket-command's own event store (a tracking processor, off the command path).
 * When a ticket asks for children, it records each child's parent and starts the child; a child that cannot be
 * started counts as {@code FAILED}. When a child ends (finished, rejected, closed or deleted), it tells the parent.
 * <p>
 * Commands run on a thread of their own, each in its own transaction, not inside the processor's: a refused command
 * must not roll back the processor's batch. Delivery is at least once: a child started twice is found to exist, and
 * the parent ignores an outcome it has counted already. A failure other than a refusal stops the batch, which the
 * processor retries.
 */
@Component
@ProcessingGroup(ChildTicketsProcess.PROCESSING_GROUP)
public class ChildTicketsProcess implements DisposableBean {
    public static final String PROCESSING_GROUP = "children";
    private static final Logger log = LoggerFactory.getLogger(ChildTicketsProcess.class);

    private final CommandGateway commands;
    private final JdbcTemplate jdbc;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "children-commands");
        t.setDaemon(true);
        return t;
    });

    /**
     * The last {@value #REMEMBERED} tickets seen created without a parent: when one of them ends, nobody is told, so
     * its parent is not looked up. Having no parent never changes, so this needs no clearing when the segment moves;
     * a ticket not remembered is looked up as before.
     */
    private final Set<String> withoutParent = Collections.synchronizedSet(Collections.newSetFromMap(
            new LinkedHashMap<>(1_024, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > REMEMBERED;
                }
            }));
    static final int REMEMBERED = 10_000;

    public ChildTicketsProcess(CommandGateway commands, JdbcTemplate jdbc) {
        this.commands = commands;
        this.jdbc = jdbc;
    }

    @EventHandler
    public void on(ChildrenRequested event) {
        for (ChildrenRequested.Child child : event.children()) {
            jdbc.update("INSERT INTO child_ticket (child_id, parent_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                    child.ticketId(), event.ticketId());
        }
        StateRef waiting = event.state();
        for (ChildrenRequested.Child child : event.children()) {
            if (exists(child.ticketId())) {
                continue;
            }
            try {
                send(new CreateTicket(child.ticketId(), child.workflowKey(), child.title(),
                        event.creator(), event.appId(), child.fields(), child.submit(), null,
                        new ParentRef(event.ticketId(), event.serialNo(), waiting.key()), event.parentFields()));
            } catch (BatonException refused) {
                log.info("Child {} of ticket {} could not be started: {}", child.ticketId(), event.ticketId(),
                        refused.getMessage());
                tell(event.ticketId(), child.ticketId(), ChildOutcome.FAILED, refused.getMessage());
            } catch (RuntimeException e) {
                if (!exists(child.ticketId())) {
                    throw e;
                }
            }
        }
    }

    @EventHandler
    public void on(TicketCreated event) {
        if (event.parent() == null) {
            withoutParent.add(event.ticketId());
        }
    }

    @EventHandler
    public void on(TicketEvent event) {
        Optional<ChildOutcome> outcome = outcome(event);
        if (outcome.isEmpty() || withoutParent.contains(event.ticketId())) {
            return;
        }
        parentOf(event.ticketId()).ifPresent(parent -> tell(parent, event.ticketId(), outcome.get(), null));
    }

    /** How {@code event} ends its ticket, if it does. */
    static Optional<ChildOutcome> outcome(TicketEvent event) {
        if (event instanceof TicketHandled e && e.to().type() == StateType.END) {
            return Optional.of(ChildOutcome.of(e.status()));
        }
        if (event instanceof TicketJumped e && e.status() == TicketStatus.FINISHED) {
            return Optional.of(ChildOutcome.FINISHED);
        }
        if (event instanceof TicketClosed) {
            return Optional.of(ChildOutcome.CLOSED);
        }
        if (event instanceof TicketDeleted) {
            return Optional.of(ChildOutcome.DELETED);
        }
        return Optional.empty();
    }

    private void tell(String parent, String child, ChildOutcome outcome, String reason) {
        try {
            send(new RecordChildOutcome(parent, child, outcome, reason));
        } catch (BatonException refused) {
            // the parent is gone (deleted): nobody waits for this outcome
            log.info("Parent {} did not take the outcome {} of child {}: {}", parent, outcome, child,
                    refused.getMessage());
        }
    }

    private Optional<String> parentOf(String ticketId) {
        return jdbc.queryForList("SELECT parent_id FROM child_ticket WHERE child_id = ?", String.class, ticketId)
                .stream().findFirst();
    }

    private boolean exists(String ticketId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM domain_event_entry"
                + " WHERE aggregate_identifier = ? AND sequence_number = 0)", Boolean.class, ticketId));
    }

    private void send(Object command) {
        try {
            CompletableFuture.runAsync(() -> commands.sendAndWait(command), executor).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
