package dev.baton.notification.consumer;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.engine.BatonJson;
import io.swagger.v3.oas.annotations.media.Schema;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code parked_event} table: records a role's consumer gave up on ({@link Parking}), as they were read, with
 * why. Nothing a record holds can keep it from being parked: key, headers and value are kept as bytes, the error
 * without control characters.
 */
@Repository
public class ParkedEvents {
    static final int MAX_ERROR = 2000;
    private static final TypeReference<List<List<String>>> HEADERS = new TypeReference<>() {
    };
    private static final String COLUMNS = "parked_id, role, consumer_group, topic, kafka_partition, kafka_offset,"
            + " record_key, headers, record_value, error, attempts, parked_at, tried_at";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json = BatonJson.mapper();
    private final RowMapper<Parked> parked = (rs, n) -> new Parked(rs.getLong("parked_id"), rs.getString("role"),
            rs.getString("consumer_group"), rs.getString("topic"), rs.getInt("kafka_partition"),
            rs.getLong("kafka_offset"), text(rs.getBytes("record_key")), text(rs.getBytes("record_value")),
            rs.getString("error"), rs.getInt("attempts"), rs.getTimestamp("parked_at").toInstant(),
            rs.getTimestamp("tried_at").toInstant(), readHeaders(rs.getBytes("headers")));

    public ParkedEvents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A parked record, as {@code GET /admin/parked-events} shows it: key and value as text, headers by name (the
     * last of a name), the error that parked it or that its last retry met, and how often it was tried.
     */
    @Schema(name = "ParkedEvent")
    public record Parked(long id, String role, String consumerGroup, String topic, int partition, long offset,
                         String key, String value, String error, int attempts, Instant parkedAt, Instant triedAt,
                         @JsonIgnore List<Map.Entry<String, byte[]>> rawHeaders) {
        @com.fasterxml.jackson.annotation.JsonProperty("headers")
        public Map<String, String> headers() {
            Map<String, String> byName = new LinkedHashMap<>();
            rawHeaders.forEach(h -> byName.put(h.getKey(), h.getValue() == null ? null
                    : new String(h.getValue(), StandardCharsets.UTF_8)));
            return byName;
        }

        /** The record as its consumer read it. */
        @JsonIgnore
        public ConsumerRecord<String, String> record() {
            RecordHeaders headers = new RecordHeaders();
            rawHeaders.forEach(h -> headers.add(h.getKey(), h.getValue()));
            return new ConsumerRecord<>(topic, partition, offset, ConsumerRecord.NO_TIMESTAMP,
                    TimestampType.NO_TIMESTAMP_TYPE, ConsumerRecord.NULL_SIZE, ConsumerRecord.NULL_SIZE, key, value,
                    headers, Optional.empty());
        }
    }

    /** Keeps the record; one parked before (read again) gets the new error and adds the attempts. */
    public void park(String role, String group, ConsumerRecord<?, ?> record, String error, int attempts) {
        jdbc.update("INSERT INTO parked_event (role, consumer_group, topic, kafka_partition, kafka_offset, record_key,"
                + " headers, record_value, error, attempts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (consumer_group, topic, kafka_partition, kafka_offset) DO UPDATE SET"
                + " error = EXCLUDED.error, attempts = parked_event.attempts + EXCLUDED.attempts, tried_at = now()",
                role, group, record.topic(), record.partition(), record.offset(), bytes(record.key()),
                writeHeaders(record), bytes(record.value()), clean(error), attempts);
    }

    /** Up to {@code limit} parked records, oldest first; of one role, or of all when {@code role} is null. */
    public List<Parked> list(String role, int limit) {
        return role == null
                ? jdbc.query("SELECT " + COLUMNS + " FROM parked_event ORDER BY parked_id LIMIT ?", parked, limit)
                : jdbc.query("SELECT " + COLUMNS + " FROM parked_event WHERE role = ? ORDER BY parked_id LIMIT ?",
                parked, role, limit);
    }

    /** The parked record, locked for this transaction (a second retry waits for the first). */
    public Optional<Parked> lock(long id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM parked_event WHERE parked_id = ? FOR UPDATE", parked, id)
                .stream().findFirst();
    }

    public Optional<Parked> find(long id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM parked_event WHERE parked_id = ?", parked, id).stream()
                .findFirst();
    }

    /** A retry failed again: the new error, one more attempt. */
    public void failedAgain(long id, String error) {
        jdbc.update("UPDATE parked_event SET error = ?, attempts = attempts + 1, tried_at = now() WHERE parked_id = ?",
                clean(error), id);
    }

    public void delete(long id) {
        jdbc.update("DELETE FROM parked_event WHERE parked_id = ?", id);
    }

    /** The error as a text column takes it: control characters shown as U+FFFD, at most {@value #MAX_ERROR} long. */
    static String clean(String error) {
        String text = error == null ? "unknown" : error.replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F]", "\uFFFD");
        return text.length() > MAX_ERROR ? text.substring(0, MAX_ERROR) : text;
    }

    private static byte[] bytes(Object part) {
        if (part == null) {
            return null;
        }
        return part instanceof byte[] raw ? raw : part.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] part) {
        return part == null ? null : new String(part, StandardCharsets.UTF_8);
    }

    /** Headers as JSON bytes, {@code [[name, base64 value], ...]}: any name and value survive. */
    private byte[] writeHeaders(ConsumerRecord<?, ?> record) {
        List<List<String>> all = new ArrayList<>();
        for (Header header : record.headers()) {
            all.add(java.util.Arrays.asList(header.key(),
                    header.value() == null ? null : Base64.getEncoder().encodeToString(header.value())));
        }
        try {
            return json.writeValueAsBytes(all);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the headers of " + record.topic() + "-"
                    + record.partition() + "@" + record.offset(), e);
        }
    }

    private List<Map.Entry<String, byte[]>> readHeaders(byte[] stored) {
        try {
            List<Map.Entry<String, byte[]>> headers = new ArrayList<>();
            for (List<String> header : json.readValue(stored, HEADERS)) {
                headers.add(new java.util.AbstractMap.SimpleImmutableEntry<>(header.get(0),
                        header.get(1) == null ? null : Base64.getDecoder().decode(header.get(1))));
            }
            return headers;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Cannot read stored headers", e);
        }
    }
}
