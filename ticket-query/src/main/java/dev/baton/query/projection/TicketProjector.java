package dev.baton.query.projection;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.api.ticket.TicketSnapshot;
import dev.baton.api.ticket.event.TicketCopied;
import dev.baton.api.ticket.event.TicketCreated;
import dev.baton.api.ticket.event.TicketEvent;
import dev.baton.api.ticket.event.TicketEventTypes;
import dev.baton.query.JdbcConfiguration;
import dev.baton.query.flowlog.FlowLogItem;
import dev.baton.query.flowlog.StoredFlowLog;
import dev.baton.support.kafka.TicketEventCodec.Envelope;
import dev.baton.support.logging.TicketLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Applies ticket events to the projection, any number of them for any number of tickets in one JDBC transaction:
 * the tickets' rows are locked with one query, each ticket's events are folded in memory with
 * {@link TicketSnapshot#apply}, and each ticket is written once with its final state. A duplicate (sequence already
 * held) changes nothing; an event that comes too early fails the whole call with {@link SequenceGapException}.
 * After a ticket's events are applied, parked successors that were waiting for them are applied too.
 */
@Component
public class TicketProjector {
    private static final Logger log = LoggerFactory.getLogger(TicketProjector.class);

    private final ProjectionStore store;
    private final ParkedEvents parked;
    private final TransactionTemplate tx;
    private final ObjectMapper json;

    public TicketProjector(ProjectionStore store, ParkedEvents parked,
                           @Qualifier(JdbcConfiguration.TRANSACTION_TEMPLATE) TransactionTemplate tx, ObjectMapper json) {
        this.store = store;
        this.parked = parked;
        this.tx = tx;
        this.json = json;
    }

    /**
     * Projects the events (in their order per ticket) in one transaction; returns the new version of each ticket
     * that changed, to be announced once this method has returned (the transaction has committed by then).
     */
    public Map<String, Long> project(List<Envelope> envelopes) {
        if (envelopes.isEmpty()) {
            return Map.of();
        }
        return tx.execute(status -> applyLocked(envelopes));
    }

    /**
     * Keeps an event that came too early until its predecessor is projected; if the predecessor arrived meanwhile
     * it is applied at once instead. Returns the ticket's new version when it was applied.
     */
    public OptionalLong park(Envelope envelope, String payload, String source, String error) {
        Long version = tx.execute(status -> {
            TicketEvent event = envelope.event();
            TicketSnapshot current = Optional.ofNullable(store.lock(List.of(event.ticketId())).get(event.ticketId()))
                    .map(ProjectionStore.Stored::snapshot).orElse(null);
            long expected = current == null ? 0 : current.version() + 1;
            if (envelope.sequence() < expected) {
                return null;
            }
            if (envelope.sequence() == expected) {
                return applyLocked(List.of(envelope)).get(event.ticketId());
            }
            parked.park(event.ticketId(), envelope.sequence(), envelope.eventId(), envelope.type(), payload,
                    ParkedEvents.GAP, error, source);
            try (TicketLog.Scope ignored = TicketLog.of(event.ticketId()).trace(envelope.trace()).open()) {
                log.warn("Parked event {} of ticket {} until event {} arrives ({})", envelope.sequence(),
                        event.ticketId(), expected, source);
            }
            return null;
        });
        return version == null ? OptionalLong.empty() : OptionalLong.of(version);
    }

    /** What an admin's retry of a parked event did. */
    public enum Retried { APPLIED, ALREADY_APPLIED, WAITING_FOR_PREDECESSOR }

    /** The outcome of a retry and, when applied, the version the ticket reached (its successors included). */
    public record RetryOutcome(Retried retried, Long version) {
    }

    /**
     * Applies an event an admin retries, in one transaction with the successors parked behind it: applied when it is
     * the ticket's next event, forgotten when the projection holds it already, otherwise left waiting for its
     * predecessor like any early event. A failure leaves everything as it was and is thrown.
     */
    public RetryOutcome retry(long parkedId, Envelope envelope) {
        return tx.execute(status -> {
            TicketEvent event = envelope.event();
            TicketSnapshot current = Optional.ofNullable(store.lock(List.of(event.ticketId())).get(event.ticketId()))
                    .map(ProjectionStore.Stored::snapshot).orElse(null);
            long expected = current == null ? 0 : current.version() + 1;
            if (envelope.sequence() < expected) {
                parked.forget(parkedId);
                return new RetryOutcome(Retried.ALREADY_APPLIED, null);
            }
            if (envelope.sequence() > expected) {
                parked.nowWaiting(parkedId);
                return new RetryOutcome(Retried.WAITING_FOR_PREDECESSOR, null);
            }
            parked.forget(parkedId);
            return new RetryOutcome(Retried.APPLIED, applyLocked(List.of(envelope), true).get(event.ticketId()));
        });
    }

    private Map<String, Long> applyLocked(List<Envelope> envelopes) {
        return applyLocked(envelopes, false);
    }

    private Map<String, Long> applyLocked(List<Envelope> envelopes, boolean drainAlways) {
        Map<String, List<Envelope>> byTicket = new LinkedHashMap<>();
        for (Envelope envelope : envelopes) {
            byTicket.computeIfAbsent(envelope.event().ticketId(), id -> new ArrayList<>()).add(envelope);
        }
        Map<String, ProjectionStore.Stored> stored = store.lock(byTicket.keySet());
        // new tickets: events may be parked before their creation arrived
        List<String> created = byTicket.keySet().stream().filter(id -> !stored.containsKey(id)).toList();
        Set<String> withParked = new HashSet<>(created.isEmpty() ? Set.of() : parked.waiting(created));
        stored.values().stream().filter(ProjectionStore.Stored::hasParked)
                .forEach(s -> withParked.add(s.snapshot().ticketId()));
        List<Fold> changed = new ArrayList<>();
        for (var ticket : byTicket.entrySet()) {
            Fold fold = new Fold(stored.get(ticket.getKey()));
            ticket.getValue().forEach(fold::apply);
            if (!fold.events.isEmpty() && (drainAlways || withParked.contains(ticket.getKey()))) {
                drainParked(fold);
            }
            if (!fold.events.isEmpty()) {
                changed.add(fold);
            }
        }
        if (changed.isEmpty()) {
            return Map.of();
        }
        long[] numbers = store.newTicketNumbers((int) changed.stream().filter(f -> f.before == null).count());
        int next = 0;
        List<ProjectionStore.Written> written = new ArrayList<>(changed.size());
        Map<String, Long> versions = new LinkedHashMap<>();
        for (Fold fold : changed) {
            long ticketNo = fold.before == null ? numbers[next++] : fold.before.ticketNo();
            written.add(new ProjectionStore.Written(fold.before, ticketNo, fold.current,
                    StoredFlowLog.append(fold.before == null ? null : fold.before.flowLog(), fold.events),
                    fold.userRows()));
            versions.put(fold.current.ticketId(), fold.current.version());
        }
        store.write(written);
        return versions;
    }

    private void drainParked(Fold fold) {
        Optional<ParkedEvents.Parked> waiting;
        while ((waiting = parked.next(fold.current.ticketId(), fold.current.version())).isPresent()) {
            ParkedEvents.Parked p = waiting.get();
            fold.apply(new Envelope(p.eventId(), p.ceType(), p.seq(), decode(p)));
            log.info("Applied parked event {} of ticket {}", p.seq(), p.ticketId());
        }
        parked.forgetUpTo(fold.current.ticketId(), fold.current.version());
    }

    /** A parked event as the listener would have read it. */
    public Envelope envelopeOf(ParkedEvents.Parked p) {
        return new Envelope(p.eventId(), p.ceType(), p.seq(), decode(p));
    }

    private TicketEvent decode(ParkedEvents.Parked p) {
        var type = TicketEventTypes.forCeType(p.ceType())
                .orElseThrow(() -> new IllegalStateException("Parked event of unknown type " + p.ceType()));
        try {
            return json.readValue(p.payload(), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One ticket's events of this transaction, folded onto what the projection held before. */
    private static final class Fold {
        final ProjectionStore.Stored before;
        TicketSnapshot current;
        final List<TicketEvent> events = new ArrayList<>();
        /** How the events relate users to the ticket (flags only ever turn on). */
        final Map<String, ProjectionStore.UserRow> relations = new LinkedHashMap<>();

        Fold(ProjectionStore.Stored before) {
            this.before = before;
            this.current = before == null ? null : before.snapshot();
        }

        void apply(Envelope envelope) {
            TicketEvent event = envelope.event();
            long sequence = envelope.sequence();
            if (sequence < 0) {
                throw new IllegalArgumentException("Expected a ce_sequence header on event " + envelope.eventId()
                        + " of ticket " + event.ticketId() + ", but it has none");
            }
            if (current != null && sequence <= current.version()) {
                log.debug("Skipping duplicate event {} of ticket {} (projection holds {})", sequence, event.ticketId(),
                        current.version());
                return;
            }
            long expected = current == null ? 0 : current.version() + 1;
            if (sequence != expected) {
                throw new SequenceGapException(event.ticketId(), expected, sequence);
            }
            if (current == null) {
                if (!(event instanceof TicketCreated created)) {
                    throw new SequenceGapException(event.ticketId(), 0, sequence);
                }
                current = TicketSnapshot.of(created);
                relate(current.creator(), true, false, false, false, false);
            } else {
                current = current.apply(event, sequence);
            }
            for (String user : current.assignment().users()) {
                relate(user, false, false, true, false, false);
            }
            // a delegator keeps seeing the work their delegate does for them
            for (String delegator : current.assignment().onBehalfOf().values()) {
                relate(delegator, false, false, true, false, false);
            }
            if (event instanceof TicketCopied copied) {
                copied.to().forEach(user -> relate(user, false, false, false, true, false));
            }
            if (FlowLogItem.acting(event) && event.actor() != null) {
                relate(event.actor(), false, true, false, false, FlowLogItem.working(event));
            }
            events.add(event);
        }

        private void relate(String user, boolean creator, boolean acted, boolean assigned, boolean cc,
                            boolean worked) {
            relations.merge(user, new ProjectionStore.UserRow(user, false, creator, acted, assigned, cc, worked),
                    (a, b) -> new ProjectionStore.UserRow(user, false, a.creator() || b.creator(),
                            a.acted() || b.acted(), a.assigned() || b.assigned(), a.cc() || b.cc(),
                            a.worked() || b.worked()));
        }

        /**
         * The {@code ticket_user} rows to write: users the events related to the ticket, and users whose todo flag
         * changes (who had the ticket to do before or have it now). Other rows of the ticket stay as they are.
         */
        List<ProjectionStore.UserRow> userRows() {
            Set<String> todoBefore = before == null ? Set.of() : todo(before.snapshot());
            Set<String> todoAfter = todo(current);
            Set<String> users = new LinkedHashSet<>(relations.keySet());
            users.addAll(todoBefore);
            users.addAll(todoAfter);
            List<ProjectionStore.UserRow> rows = new ArrayList<>();
            for (String user : users) {
                ProjectionStore.UserRow relation = relations.get(user);
                boolean todo = todoAfter.contains(user);
                boolean todoUnchanged = todo == todoBefore.contains(user);
                // who had the ticket to do was assigned: their row says so already
                boolean nothingNew = relation == null || todoBefore.contains(user)
                        && !relation.creator() && !relation.acted() && !relation.cc() && !relation.worked();
                if (todoUnchanged && nothingNew) {
                    continue;
                }
                rows.add(relation == null ? new ProjectionStore.UserRow(user, todo, false, false, false, false, false)
                        : new ProjectionStore.UserRow(user, todo, relation.creator(), relation.acted(),
                        relation.assigned(), relation.cc(), relation.worked()));
            }
            return rows;
        }

        private static Set<String> todo(TicketSnapshot ticket) {
            return ticket.status().open() ? Set.copyOf(ticket.assignment().users()) : Set.of();
        }
    }
}
