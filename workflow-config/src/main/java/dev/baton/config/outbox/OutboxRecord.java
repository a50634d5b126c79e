package dev.baton.config.outbox;

/** One record to send: topic, Kafka key and JSON value ({@code null} = tombstone). */
public record OutboxRecord(String topic, String key, String value) {
}
