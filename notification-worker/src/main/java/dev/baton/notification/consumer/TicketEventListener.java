package dev.baton.notification.consumer;

import dev.baton.api.CloudEventHeaders;
import dev.baton.api.Topics;
import dev.baton.api.ticket.event.TicketCreated;
import dev.baton.notification.delivery.Deliverer;
import dev.baton.notification.recipient.NotificationRules;
import dev.baton.notification.summary.TicketEnd;
import dev.baton.notification.summary.TicketSummaries;
import dev.baton.notification.summary.TicketSummary;
import dev.baton.support.kafka.TicketEventCodec;
import dev.baton.support.kafka.TicketEventCodec.Envelope;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.util.Optional;

/**
 * Follows {@link Topics#TICKET_EVENTS} in group {@code spring.kafka.consumer.group-id}
 * ({@code baton-notification-worker}): remembers each ticket's summary at creation, hands every event that has
 * someone to tell to the {@link Deliverer}, and forgets the summary once the ticket has ended. Unknown event types
 * are ignored (tolerant reader).
 */
@Component
public class TicketEventListener {
    public static final String LISTENER_ID = "notification-worker-ticket-events";
    private static final Logger log = LoggerFactory.getLogger(TicketEventListener.class);

    private final TicketEventCodec codec;
    private final TicketSummaries summaries;
    private final Deliverer deliverer;

    public TicketEventListener(TicketEventCodec codec, TicketSummaries summaries, Deliverer deliverer) {
        this.codec = codec;
        this.summaries = summaries;
        this.deliverer = deliverer;
    }

    @KafkaListener(id = LISTENER_ID, idIsGroup = false, topics = Topics.TICKET_EVENTS,
            autoStartup = "${baton.notification.enabled:true}")
    public void on(ConsumerRecord<String, String> record) {
        Optional<Envelope> decoded = decode(record);
        if (decoded.isEmpty()) {
            log.debug("Ignoring record {}-{}@{} of unknown type {}", record.topic(), record.partition(),
                    record.offset(), TicketEventCodec.header(record, CloudEventHeaders.TYPE));
            return;
        }
        Envelope envelope = decoded.get();
        if (envelope.eventId() == null || envelope.eventId().isBlank()) {
            throw new UnreadableEventException("Expected a ce_id header on " + envelope.type() + " of ticket "
                    + record.key() + ", but there is none", null);
        }
        if (envelope.event() instanceof TicketCreated created) {
            summaries.remember(created);
        }
        String ticketId = envelope.event().ticketId();
        NotificationRules.noticeFor(envelope.event()).ifPresent(notice -> {
            TicketSummary summary = summaries.find(ticketId).orElseGet(() -> TicketSummary.unknown(ticketId));
            deliverer.deliver(envelope, notice, summary);
        });
        if (TicketEnd.endedBy(envelope.event())) {
            // after the event's own notice (if any) went out: a failed delivery is retried with the summary intact
            summaries.forget(ticketId);
        }
    }

    private Optional<Envelope> decode(ConsumerRecord<String, String> record) {
        try {
            return codec.decode(record);
        } catch (IOException | RuntimeException e) {
            throw new UnreadableEventException("Cannot read " + TicketEventCodec.header(record, CloudEventHeaders.TYPE)
                    + " at " + record.topic() + "-" + record.partition() + "@" + record.offset() + ": "
                    + e.getMessage(), e);
        }
    }
}
