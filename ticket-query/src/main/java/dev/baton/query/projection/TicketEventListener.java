package dev.baton.query.projection;

import dev.baton.api.Topics;
import dev.baton.query.consistency.VersionNotifier;
import dev.baton.support.kafka.TicketEventCodec;
import dev.baton.support.kafka.TicketEventCodec.Envelope;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Feeds the ticket events topic into the projection, one record at a time, and wakes read-your-writes waiters once
 * the record's transaction has committed. Records of unknown types are skipped (tolerant reader).
 */
@Component
public class TicketEventListener {
    public static final String ID = "ticket-projection";
    private static final Logger log = LoggerFactory.getLogger(TicketEventListener.class);

    private final TicketEventCodec codec;
    private final TicketProjector projector;
    private final VersionNotifier notifier;

    public TicketEventListener(TicketEventCodec codec, TicketProjector projector, VersionNotifier notifier) {
        this.codec = codec;
        this.projector = projector;
        this.notifier = notifier;
    }

    @KafkaListener(id = ID, topics = Topics.TICKET_EVENTS, groupId = "${baton.query.group-id:baton-ticket-query}")
    public void on(ConsumerRecord<String, String> record) {
        Optional<Envelope> envelope = decode(codec, record);
        if (envelope.isEmpty()) {
            log.debug("Skipping record of unknown type {} at {}", TicketEventCodec.header(record, "ce_type"),
                    source(record));
            return;
        }
        String ticketId = envelope.get().event().ticketId();
        projector.project(envelope.get()).ifPresent(version -> notifier.projected(ticketId, version));
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
