package dev.baton.query.projection;

import dev.baton.api.Topics;
import dev.baton.query.consistency.PeerVersions;
import dev.baton.support.kafka.TicketEventCodec;
import dev.baton.support.kafka.TicketEventCodec.Envelope;
import dev.baton.support.trace.Traces;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Feeds the ticket events topic into the projection a poll at a time: the whole poll is projected in one
 * transaction, and read-your-writes waiters (on every instance: {@link PeerVersions}) are woken once it has
 * committed. When that fails (an event that comes
 * too early, an unreadable record, the database), the poll is projected again one record at a time, each in its
 * own transaction, so that the failing record is retried and parked by {@link ProjectionErrorHandling} exactly as on
 * its own, while the records before it are kept. Records of unknown types are skipped (tolerant reader).
 */
@Component
public class TicketEventListener {
    public static final String ID = "ticket-projection";
    private static final Logger log = LoggerFactory.getLogger(TicketEventListener.class);

    private final TicketEventCodec codec;
    private final TicketProjector projector;
    private final PeerVersions versions;
    private final Traces traces;

    public TicketEventListener(TicketEventCodec codec, TicketProjector projector, PeerVersions versions,
                               Traces traces) {
        this.codec = codec;
        this.projector = projector;
        this.versions = versions;
        this.traces = traces;
    }

    @KafkaListener(id = ID, topics = Topics.TICKET_EVENTS, groupId = "${baton.query.group-id:baton-ticket-query}",
            batch = "true")
    public void on(List<ConsumerRecord<String, String>> records) {
        try {
            List<Envelope> envelopes = new ArrayList<>(records.size());
            for (ConsumerRecord<String, String> record : records) {
                known(record).ifPresent(envelopes::add);
            }
            project(envelopes);
            return;
        } catch (RuntimeException e) {
            log.debug("Projecting {} records at once failed ({}); projecting them one by one", records.size(),
                    e.toString());
        }
        for (int i = 0; i < records.size(); i++) {
            try {
                Optional<Envelope> envelope = known(records.get(i));
                if (envelope.isPresent()) {
                    project(List.of(envelope.get()));
                }
            } catch (RuntimeException e) {
                throw new BatchListenerFailedException(e.getMessage(), e, i);
            }
        }
    }

    /** Projects the events; each that carries a W3C trace is a span of it while the batch is projected. */
    private void project(List<Envelope> envelopes) {
        List<Traces.Hop> hops = new ArrayList<>();
        for (Envelope envelope : envelopes) {
            if (envelope.trace() != null) {
                hops.add(traces.start(envelope.trace(), "project " + envelope.event().getClass().getSimpleName()));
            }
        }
        try {
            announce(projector.project(envelopes));
        } finally {
            hops.forEach(Traces.Hop::close);
        }
    }

    private Optional<Envelope> known(ConsumerRecord<String, String> record) {
        Optional<Envelope> envelope = decode(codec, record);
        if (envelope.isEmpty()) {
            log.debug("Skipping record of unknown type {} at {}", TicketEventCodec.header(record, "ce_type"),
                    source(record));
        }
        return envelope;
    }

    private void announce(Map<String, Long> committed) {
        versions.committed(committed);
    }

    static Optional<Envelope> decode(TicketEventCodec codec, ConsumerRecord<String, String> record) {
        Optional<Envelope> envelope;
        try {
            envelope = codec.decode(record);
        } catch (Exception e) {
            throw new UnreadableEventException("Cannot read the record at " + source(record) + ": " + e.getMessage(), e);
        }
        if (envelope.isPresent() && envelope.get().sequence() < 0) {
            throw new UnreadableEventException("Expected a ce_sequence header on the record at " + source(record)
                    + ", but it has none", null);
        }
        return envelope;
    }

    static String source(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }
}
