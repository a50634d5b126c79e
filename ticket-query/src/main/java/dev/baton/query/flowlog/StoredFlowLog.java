package dev.baton.query.flowlog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.api.ticket.event.TicketEvent;
import dev.baton.api.ticket.event.TicketEventTypes;
import dev.baton.engine.BatonJson;
import dev.baton.engine.PresetDictionaryDeflate;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * How a ticket's flow log is stored ({@code flow_log.events}): its events in order, one JSON line each
 * ({@code {"type":"TicketHandled","event":{…}}}, the event as published: null and empty properties left out), the
 * whole deflated in zlib format with a preset dictionary of the lines' common text (property names and enum values,
 * {@code flow-log-dictionary-1.txt}). A finished ticket's five to seven events take ~2.3 kB as JSON, ~0.6 kB deflated
 * and ~0.4 kB deflated with the dictionary; PostgreSQL would not compress values this small by itself.
 * <p>
 * A stored log names its dictionary by Adler-32 checksum (zlib's DICTID), so a new dictionary can be added later
 * while logs written with this one stay readable (or are rewritten by a rebuild).
 */
public final class StoredFlowLog {
    private static final ObjectMapper JSON = BatonJson.compactMapper();
    private static final PresetDictionaryDeflate DEFLATE =
            PresetDictionaryDeflate.ofResources(StoredFlowLog.class, "flow-log-dictionary-1.txt");

    private StoredFlowLog() {
    }

    /** The stored log {@code stored} (null for a new ticket) with {@code events} added at its end. */
    public static byte[] append(byte[] stored, List<TicketEvent> events) {
        ByteArrayOutputStream text = new ByteArrayOutputStream(stored == null ? 512 : stored.length * 5);
        if (stored != null) {
            text.writeBytes(DEFLATE.inflate(stored, "flow log"));
        }
        try {
            for (TicketEvent event : events) {
                if (text.size() > 0) {
                    text.write('\n');
                }
                text.writeBytes(("{\"type\":\"" + event.getClass().getSimpleName() + "\",\"event\":")
                        .getBytes(StandardCharsets.UTF_8));
                text.writeBytes(JSON.writeValueAsBytes(event));
                text.write('}');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return DEFLATE.deflate(text.toByteArray());
    }

    /** The events of a stored log, in order: element n is the ticket's event n. */
    public static List<TicketEvent> read(byte[] stored) {
        String text = new String(DEFLATE.inflate(stored, "flow log"), StandardCharsets.UTF_8);
        List<TicketEvent> events = new ArrayList<>();
        for (String line : text.split("\n")) {
            try {
                JsonNode entry = JSON.readTree(line);
                String type = entry.path("type").asText();
                Class<? extends TicketEvent> eventClass = TicketEventTypes.forName(type).orElseThrow(
                        () -> new IllegalStateException("Unknown event type in the flow log: " + type));
                events.add(JSON.treeToValue(entry.get("event"), eventClass));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return events;
    }
}
