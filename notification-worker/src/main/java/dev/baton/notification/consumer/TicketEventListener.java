package dev.baton.notification.consumer;

import dev.baton.api.CloudEventHeaders;
import dev.baton.api.Topics;
import dev.baton.api.ticket.event.TicketCreated;
import dev.baton.api.error.BatonException;
import dev.baton.api.ticket.event.TicketEvent;
import dev.baton.api.workflow.PublishedWorkflow;
import dev.baton.api.workflow.WorkflowDefinition;
import dev.baton.notification.delivery.DeliveryPlanner;
import dev.baton.notification.recipient.Notice;
import dev.baton.notification.recipient.NotificationRules;
import dev.baton.notification.summary.TicketSummaries;
import dev.baton.notification.summary.TicketSummary;
import dev.baton.support.replica.WorkflowCatalog;
import dev.baton.support.kafka.TicketEventCodec;
import dev.baton.support.kafka.TicketEventCodec.Envelope;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Follows {@link Topics#TICKET_EVENTS} in group {@code spring.kafka.consumer.group-id}
 * ({@code baton-notification-worker}) a poll at a time: follows each ticket's summary event by event, and hands the
 * notices of every event that has someone to tell ({@link NotificationRules}) to the {@link DeliveryPlanner}, which
 * keeps them in the outbox the {@code DeliverySender} sends from. Unknown event types are ignored (tolerant reader).
 * <p>
 * A poll costs one transaction: the summaries of all its tickets are read in one statement, its events applied in
 * order in memory (a ticket's second event in the poll sees the summary its first produced), each event's deliveries
 * planned as it is applied, and the summaries that changed written in one statement. When that fails (an unreadable
 * record, a value the database refuses, the database itself), the poll is followed again one record at a time, each
 * in its own transaction ({@link #handle}), and the failing record is reported by its index
 * ({@link BatchListenerFailedException}), so that the role's error handler ({@link Parking}, wired in
 * {@link DeadLetters}) retries or parks exactly that record while the records before it are kept.
 */
@Component
public class TicketEventListener implements RecordHandler {
    public static final String LISTENER_ID = "notification-worker-ticket-events";
    public static final String ROLE = "notifications";
    private static final Logger log = LoggerFactory.getLogger(TicketEventListener.class);

    private final TicketEventCodec codec;
    private final TicketSummaries summaries;
    private final DeliveryPlanner planner;
    private final WorkflowCatalog catalog;
    private final TransactionTemplate tx;

    public TicketEventListener(TicketEventCodec codec, TicketSummaries summaries, DeliveryPlanner planner,
                               WorkflowCatalog catalog, TransactionTemplate tx) {
        this.codec = codec;
        this.summaries = summaries;
        this.planner = planner;
        this.catalog = catalog;
        this.tx = tx;
    }

    @Override
    public String role() {
        return ROLE;
    }

    @KafkaListener(id = LISTENER_ID, idIsGroup = false, topics = Topics.TICKET_EVENTS,
            autoStartup = "${baton.notification.enabled:true}", batch = "true",
            properties = {RoleConsumers.FETCH_MIN_BYTES, RoleConsumers.FETCH_MAX_WAIT})
    public void on(List<ConsumerRecord<String, String>> records) {
        try {
            List<Envelope> envelopes = new ArrayList<>(records.size());
            for (ConsumerRecord<String, String> record : records) {
                known(record).ifPresent(envelopes::add);
            }
            follow(envelopes);
            return;
        } catch (RuntimeException e) {
            log.debug("Following {} records at once failed ({}); following them one by one", records.size(),
                    e.toString());
        }
        for (int i = 0; i < records.size(); i++) {
            try {
                handle(records.get(i));
            } catch (RuntimeException e) {
                throw new BatchListenerFailedException(e.getMessage(), e, i);
            }
        }
    }

    /** Follows one record in its own transaction: a poll's record after the poll failed, or a parked one retried. */
    @Override
    public void handle(ConsumerRecord<String, String> record) {
        known(record).ifPresent(envelope -> follow(List.of(envelope)));
    }

    /** The record's event, or nothing for an unknown type; an unreadable record (no {@code ce_id}) throws. */
    private Optional<Envelope> known(ConsumerRecord<String, String> record) {
        Optional<Envelope> decoded = decode(record);
        if (decoded.isEmpty()) {
            log.debug("Ignoring record {}-{}@{} of unknown type {}", record.topic(), record.partition(),
                    record.offset(), TicketEventCodec.header(record, CloudEventHeaders.TYPE));
            return decoded;
        }
        Envelope envelope = decoded.get();
        if (envelope.eventId() == null || envelope.eventId().isBlank()) {
            throw new UnreadableEventException("Expected a ce_id header on " + envelope.type() + " of ticket "
                    + record.key() + ", but there is none", null);
        }
        return decoded;
    }

    /**
     * Follows these events in order in one transaction: the summaries and the events' deliveries change together (an
     * event read again after a crash between the two would otherwise find the summary already past it, and who had a
     * withdrawn ticket would be lost).
     */
    private void follow(List<Envelope> envelopes) {
        if (envelopes.isEmpty()) {
            return;
        }
        tx.executeWithoutResult(status -> {
            Map<String, TicketSummary> known = summaries.findAll(
                    envelopes.stream().map(e -> e.event().ticketId()).toList());
            Map<String, TicketSummary> changed = new LinkedHashMap<>();
            for (Envelope envelope : envelopes) {
                String ticketId = envelope.event().ticketId();
                TicketSummary after = follow(envelope, known.get(ticketId));
                known.put(ticketId, after);
                changed.put(ticketId, after);
            }
            summaries.saveAll(changed.values());
        });
    }

    /** Applies one event to its ticket's summary {@code known} so far (null: none yet) and plans its deliveries. */
    private TicketSummary follow(Envelope envelope, TicketSummary known) {
        TicketEvent event = envelope.event();
        Optional<WorkflowDefinition> workflow = workflowOf(known, event);
        List<String> admins = workflow.map(WorkflowDefinition::admins).orElse(List.of());
        TicketSummary before = known != null ? known : event instanceof TicketCreated created
                ? TicketSummary.of(created) : TicketSummary.unknown(event.ticketId());
        List<Notice> notices = NotificationRules.noticesFor(event, before, admins);
        List<String> recipients = notices.stream().flatMap(n -> n.usernames().stream()).toList();
        TicketSummary after = TicketSummaries.apply(before, event, recipients);
        if (!notices.isEmpty()) {
            planner.plan(envelope, notices, after, workflow);
        }
        return after;
    }

    /** The workflow version the ticket follows, when its creation was seen and the version is known. */
    private Optional<WorkflowDefinition> workflowOf(TicketSummary known, TicketEvent event) {
        String key = known != null ? known.workflowKey()
                : event instanceof TicketCreated created ? created.workflowKey() : null;
        Integer version = known != null ? known.workflowVersion()
                : event instanceof TicketCreated created ? Integer.valueOf(created.workflowVersion()) : null;
        if (key == null || version == null) {
            return Optional.empty();
        }
        Optional<WorkflowDefinition> published = catalog.version(key, version).map(PublishedWorkflow::definition);
        if (published.isPresent()) {
            return published;
        }
        try {
            return Optional.of(catalog.requireVersion(key, version).definition());
        } catch (BatonException e) {
            log.debug("Workflow {} version {} is not known; ticket {} is told in the default wording", key, version,
                    event.ticketId());
            return Optional.empty();
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
