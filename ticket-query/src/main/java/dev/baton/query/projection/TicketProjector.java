package dev.baton.query.projection;

import dev.baton.query.flowlog.FlowLogItem;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.api.ticket.TicketSnapshot;
import dev.baton.api.ticket.event.TicketCreated;
import dev.baton.api.ticket.event.TicketEvent;
import dev.baton.api.ticket.event.TicketEventTypes;
import dev.baton.query.JdbcConfiguration;
import dev.baton.support.kafka.TicketEventCodec.Envelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Applies one ticket event to the projection, in one JDBC transaction with the ticket's row locked: a duplicate
 * (sequence already held) changes nothing, the next event is folded into the snapshot with
 * {@link TicketSnapshot#apply}, and an event that comes too early throws {@link SequenceGapException}.
 * After an event is applied, parked successors that were waiting for it are applied too.
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

    /** Projects the event; returns the ticket's new version, or empty when it changed nothing (a duplicate). */
    public OptionalLong project(Envelope envelope) {
        Long version = tx.execute(status -> {
            TicketEvent event = envelope.event();
            Optional<TicketSnapshot> current = store.lock(event.ticketId());
            Optional<TicketSnapshot> applied = applyLocked(envelope, current.orElse(null));
            if (applied.isEmpty()) {
                return null;
            }
            return drainParked(applied.get()).version();
        });
        return version == null ? OptionalLong.empty() : OptionalLong.of(version);
    }

    /**
     * Keeps an event that came too early until its predecessor is projected; if the predecessor arrived meanwhile
     * it is applied at once instead. Returns the ticket's new version when it was applied.
     */
    public OptionalLong park(Envelope envelope, String payload, String source, String error) {
        Long version = tx.execute(status -> {
            TicketEvent event = envelope.event();
            TicketSnapshot current = store.lock(event.ticketId()).orElse(null);
            long expected = current == null ? 0 : current.version() + 1;
            if (envelope.sequence() <= (current == null ? -1 : current.version())) {
                return null;
            }
            if (envelope.sequence() == expected) {
                return applyLocked(envelope, current).map(s -> drainParked(s).version()).orElse(null);
            }
            parked.park(event.ticketId(), envelope.sequence(), envelope.eventId(), envelope.type(), payload,
                    ParkedEvents.GAP, error, source);
            log.warn("Parked event {} of ticket {} until event {} arrives ({})", envelope.sequence(),
                    event.ticketId(), expected, source);
            return null;
        });
        return version == null ? OptionalLong.empty() : OptionalLong.of(version);
    }

    private Optional<TicketSnapshot> applyLocked(Envelope envelope, TicketSnapshot current) {
        TicketEvent event = envelope.event();
        long sequence = envelope.sequence();
        if (sequence < 0) {
            throw new IllegalArgumentException("Expected a ce_sequence header on event " + envelope.eventId()
                    + " of ticket " + event.ticketId() + ", but it has none");
        }
        if (current != null && sequence <= current.version()) {
            log.debug("Skipping duplicate event {} of ticket {} (projection holds {})", sequence, event.ticketId(),
                    current.version());
            return Optional.empty();
        }
        long expected = current == null ? 0 : current.version() + 1;
        if (sequence != expected) {
            throw new SequenceGapException(event.ticketId(), expected, sequence);
        }
        TicketSnapshot next;
        if (current == null) {
            if (!(event instanceof TicketCreated created)) {
                throw new SequenceGapException(event.ticketId(), 0, sequence);
            }
            next = TicketSnapshot.of(created);
            if (!store.insert(next)) {
                return Optional.empty();
            }
        } else {
            next = current.apply(event, sequence);
            store.update(next);
        }
        store.relate(next, relations(event, next).values());
        store.log(next.ticketId(), next.version(), envelope.eventId(), event);
        return Optional.of(next);
    }

    private TicketSnapshot drainParked(TicketSnapshot snapshot) {
        TicketSnapshot current = snapshot;
        Optional<ParkedEvents.Parked> waiting;
        while ((waiting = parked.next(current.ticketId(), current.version())).isPresent()) {
            ParkedEvents.Parked p = waiting.get();
            Envelope envelope = new Envelope(p.eventId(), p.ceType(), p.seq(), decode(p));
            current = applyLocked(envelope, current).orElse(current);
            log.info("Applied parked event {} of ticket {}", p.seq(), p.ticketId());
        }
        parked.forgetUpTo(current.ticketId(), current.version());
        return current;
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

    private static Map<String, ProjectionStore.UserRelation> relations(TicketEvent event, TicketSnapshot after) {
        Map<String, ProjectionStore.UserRelation> users = new LinkedHashMap<>();
        if (event instanceof TicketCreated) {
            merge(users, new ProjectionStore.UserRelation(after.creator(), true, false, false));
        }
        for (String user : after.assignment().users()) {
            merge(users, new ProjectionStore.UserRelation(user, false, false, true));
        }
        if (FlowLogItem.acting(event) && event.actor() != null) {
            merge(users, new ProjectionStore.UserRelation(event.actor(), false, true, false));
        }
        return users;
    }

    private static void merge(Map<String, ProjectionStore.UserRelation> users, ProjectionStore.UserRelation r) {
        users.merge(r.username(), r, (a, b) -> new ProjectionStore.UserRelation(a.username(),
                a.creator() || b.creator(), a.acted() || b.acted(), a.assigned() || b.assigned()));
    }
}
