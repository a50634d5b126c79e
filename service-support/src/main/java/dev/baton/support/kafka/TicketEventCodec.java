package dev.baton.support.kafka;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.api.CloudEventHeaders;
import dev.baton.api.ticket.event.TicketEvent;
import dev.baton.api.ticket.event.TicketEventTypes;
import dev.baton.api.trace.TraceParent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Reads a ticket event off Kafka by its CloudEvents headers. Unknown types are skipped, not failed (tolerant reader). */
public class TicketEventCodec {
    private final ObjectMapper json;

    public TicketEventCodec(ObjectMapper json) {
        this.json = json;
    }

    /**
     * A decoded event with the envelope data consumers need.
     *
     * @param trace the record's W3C {@code traceparent}, as sent (null: none or not valid)
     */
    public record Envelope(String eventId, String type, long sequence, TicketEvent event, String trace) {
        public Envelope(String eventId, String type, long sequence, TicketEvent event) {
            this(eventId, type, sequence, event, null);
        }
    }

    public Optional<Envelope> decode(ConsumerRecord<String, ?> record) throws IOException {
        String type = header(record, CloudEventHeaders.TYPE);
        if (type == null) {
            return Optional.empty();
        }
        var eventClass = TicketEventTypes.forCeType(type);
        if (eventClass.isEmpty()) {
            return Optional.empty();
        }
        Object value = record.value();
        TicketEvent event = value instanceof byte[] bytes
                ? json.readValue(bytes, eventClass.get())
                : json.readValue(String.valueOf(value), eventClass.get());
        String sequence = header(record, CloudEventHeaders.SEQUENCE);
        String trace = TraceParent.parse(header(record, TraceParent.HEADER)).map(TraceParent::toString).orElse(null);
        return Optional.of(new Envelope(header(record, CloudEventHeaders.ID), type,
                sequence == null ? -1 : Long.parseLong(sequence), event, trace));
    }

    public static String header(ConsumerRecord<String, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
