package dev.baton.query.flowlog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.api.ticket.event.TicketEvent;
import dev.baton.api.ticket.event.TicketEventTypes;
import dev.baton.engine.BatonJson;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.zip.Adler32;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

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
    private static final byte[] DICTIONARY = resource("flow-log-dictionary-1.txt");
    private static final Map<Integer, byte[]> DICTIONARIES = Map.of(adler32(DICTIONARY), DICTIONARY);
    private static final Map<String, Class<? extends TicketEvent>> TYPES = TicketEventTypes.ALL.stream()
            .collect(Collectors.toUnmodifiableMap(Class::getSimpleName, Function.identity()));

    private StoredFlowLog() {
    }

    /** The stored log {@code stored} (null for a new ticket) with {@code events} added at its end. */
    public static byte[] append(byte[] stored, List<TicketEvent> events) {
        ByteArrayOutputStream text = new ByteArrayOutputStream(stored == null ? 512 : stored.length * 5);
        if (stored != null) {
            text.writeBytes(inflate(stored));
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
        return deflate(text.toByteArray());
    }

    /** The events of a stored log, in order: element n is the ticket's event n. */
    public static List<TicketEvent> read(byte[] stored) {
        String text = new String(inflate(stored), StandardCharsets.UTF_8);
        List<TicketEvent> events = new ArrayList<>();
        for (String line : text.split("\n")) {
            try {
                JsonNode entry = JSON.readTree(line);
                String type = entry.path("type").asText();
                Class<? extends TicketEvent> eventClass = TYPES.get(type);
                if (eventClass == null) {
                    throw new IllegalStateException("Unknown event type in the flow log: " + type);
                }
                events.add(JSON.treeToValue(entry.get("event"), eventClass));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return events;
    }

    private static byte[] deflate(byte[] plain) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
        try {
            deflater.setDictionary(DICTIONARY);
            deflater.setInput(plain);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(plain.length / 3 + 64);
            byte[] buffer = new byte[2048];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = StoredFlowLog.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int adler32(byte[] bytes) {
        Adler32 adler = new Adler32();
        adler.update(bytes);
        return (int) adler.getValue();
    }

    private static byte[] inflate(byte[] stored) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(stored);
            ByteArrayOutputStream out = new ByteArrayOutputStream(stored.length * 5);
            byte[] buffer = new byte[4096];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && inflater.needsDictionary()) {
                    byte[] dictionary = DICTIONARIES.get(inflater.getAdler());
                    if (dictionary == null) {
                        throw new IllegalStateException("Expected a flow log deflated with a known dictionary, but it "
                                + "names dictionary " + Integer.toHexString(inflater.getAdler()));
                    }
                    inflater.setDictionary(dictionary);
                } else if (n == 0 && inflater.needsInput()) {
                    throw new IllegalStateException("Truncated flow log (" + stored.length + " bytes)");
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new IllegalStateException("Unreadable flow log: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }
}
