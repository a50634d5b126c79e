package dev.baton.config.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes topic records into the {@code outbox} table inside the caller's transaction, so a change and its record
 * commit (or roll back) together; the {@link OutboxRelay} is woken as soon as that transaction commits.
 * Callers write the changed row first and enqueue after it, so two transactions changing the same record enqueue
 * in commit order.
 */
@Component
public class Outbox {
    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final TransactionSynchronization wakeRelay;

    public Outbox(JdbcTemplate jdbc, ObjectMapper json, OutboxRelay relay) {
        this.jdbc = jdbc;
        this.json = json;
        this.wakeRelay = new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.wake();
            }
        };
    }

    /** Enqueues {@code value} as JSON under {@code key}; a null value enqueues a tombstone. */
    public void put(String topic, String key, Object value) {
        enqueue(List.of(new OutboxRecord(topic, key, toJson(value))));
    }

    /** Enqueues a tombstone: the record is gone. */
    public void remove(String topic, String key) {
        enqueue(List.of(new OutboxRecord(topic, key, null)));
    }

    /** A record for {@link #enqueue}: {@code value} serialised to JSON (null for a tombstone). */
    public OutboxRecord record(String topic, String key, Object value) {
        return new OutboxRecord(topic, key, toJson(value));
    }

    /** Enqueues the records in order, in one batch. */
    public void enqueue(List<OutboxRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>(records.size());
        for (OutboxRecord r : records) {
            rows.add(new Object[]{r.topic(), r.key(), r.value()});
        }
        jdbc.batchUpdate("INSERT INTO outbox (topic, record_key, value) VALUES (?, ?, ?)", rows);
        if (TransactionSynchronizationManager.isSynchronizationActive()
                && !TransactionSynchronizationManager.getSynchronizations().contains(wakeRelay)) {
            TransactionSynchronizationManager.registerSynchronization(wakeRelay);
        }
    }

    /** How many records wait to be sent. */
    public long pending() {
        Long count = jdbc.queryForObject("SELECT count(*) FROM outbox", Long.class);
        return count == null ? 0 : count;
    }

    private String toJson(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }
}
