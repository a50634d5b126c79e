package dev.baton.notification.consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A worker role's handling of one record of the events topic: what its consumer does with each record, and what
 * {@code POST /admin/parked-events/{id}/retry} does again with a parked one.
 */
public interface RecordHandler {
    /** The role's name, as parked records and the {@code baton.consumer.parked} metric name it. */
    String role();

    void handle(ConsumerRecord<String, String> record) throws Exception;
}
