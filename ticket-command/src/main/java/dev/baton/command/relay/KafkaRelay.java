package dev.baton.command.relay;

import dev.baton.api.CloudEventHeaders;
import dev.baton.api.trace.TraceParent;
import dev.baton.api.Topics;
import dev.baton.api.ticket.event.TicketEvent;
import dev.baton.api.ticket.event.TicketEventTypes;
import dev.baton.command.axon.StoredEventJson;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The outbox relay: a tracking processor over the event store that publishes every stored ticket event to
 * {@link Topics#TICKET_EVENTS} (key = ticket id, JSON value, CloudEvents headers, {@code ce_dataschema} naming the
 * JSON Schema of the event type's revision). The value is the event's JSON as
 * stored ({@link StoredEventJson}): the relay never deserializes an event to serialize it again. Sends of one batch
 * go out together, flushed as soon as the batch has been handed over (a batch never waits for the producer's linger:
 * the next one cannot start before this one is acknowledged anyway); the batch commits its token only after Kafka
 * acknowledged every send. A failed send fails the batch, so the processor retries from the same token: at least
 * once, never skipped. A flush is bounded by the producer's {@code delivery.timeout.ms}.
 */
@Component
@ProcessingGroup(KafkaRelay.PROCESSING_GROUP)
public class KafkaRelay {
    public static final String PROCESSING_GROUP = "kafka-relay";
    static final String SOURCE = "/baton/ticket-command";
    private static final String PENDING = KafkaRelay.class.getName() + ".pending";
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaTemplate<String, byte[]> kafka;
    private final StoredEventJson json;

    public KafkaRelay(KafkaTemplate<String, byte[]> kafka, StoredEventJson json) {
        this.kafka = kafka;
        this.json = json;
    }

    /** Every ticket event; its payload's type is read from its stored type name, the payload itself is never read. */
    @EventHandler(payloadType = TicketEvent.class)
    public void on(DomainEventMessage<?> message) {
        @SuppressWarnings("unchecked")
        Class<? extends TicketEvent> type = (Class<? extends TicketEvent>) message.getPayloadType();
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.TICKET_EVENTS,
                message.getAggregateIdentifier(), json.of(message));
        header(record, CloudEventHeaders.SPEC_VERSION, "1.0");
        header(record, CloudEventHeaders.ID, message.getIdentifier());
        header(record, CloudEventHeaders.TYPE, TicketEventTypes.ceType(type));
        header(record, CloudEventHeaders.SOURCE, SOURCE);
        header(record, CloudEventHeaders.SUBJECT, message.getAggregateIdentifier());
        header(record, CloudEventHeaders.TIME, message.getTimestamp().toString());
        header(record, CloudEventHeaders.DATA_SCHEMA, TicketEventTypes.dataSchema(type));
        header(record, CloudEventHeaders.SEQUENCE, Long.toString(message.getSequenceNumber()));
        header(record, CloudEventHeaders.CONTENT_TYPE, "application/json");
        if (message.getMetaData().get(TraceParent.HEADER) instanceof String trace) {
            header(record, TraceParent.HEADER, trace);
        }
        pendingSends().add(kafka.send(record));
    }

    private List<CompletableFuture<?>> pendingSends() {
        if (!CurrentUnitOfWork.isStarted()) {
            throw new IllegalStateException("The relay runs inside a unit of work");
        }
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        return batch.getOrComputeResource(PENDING, key -> {
            List<CompletableFuture<?>> sends = new ArrayList<>();
            batch.onPrepareCommit(u -> {
                kafka.flush();
                awaitAcknowledged(sends);
            });
            return sends;
        });
    }

    private static void awaitAcknowledged(List<CompletableFuture<?>> sends) {
        try {
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                    .get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RelayFailed("Interrupted while waiting for Kafka", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new RelayFailed("Kafka did not acknowledge " + sends.size() + " ticket events", e);
        }
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
    }

    /** A batch could not be published; the processor retries it. */
    public static class RelayFailed extends RuntimeException {
        RelayFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
