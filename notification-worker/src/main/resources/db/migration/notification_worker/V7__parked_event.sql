-- Records a role's consumer could not apply after its bounded retries (a value the database refuses, a bug), kept
-- so that the partition moves on; listed and retried through GET /admin/parked-events and
-- POST /admin/parked-events/{id}/retry, which deletes the row once the record applies. Key, headers and value are
-- kept as the bytes they were (bytea: a text column would refuse the very U+0000 that may have parked the record).
-- A record parked again (read again after a rebalance) updates its row.
CREATE TABLE parked_event (
    parked_id       bigserial   PRIMARY KEY,
    role            text        NOT NULL,
    consumer_group  text        NOT NULL,
    topic           text        NOT NULL,
    kafka_partition integer     NOT NULL,
    kafka_offset    bigint      NOT NULL,
    record_key      bytea,
    headers         bytea       NOT NULL,
    record_value    bytea,
    error           text        NOT NULL,
    attempts        integer     NOT NULL,
    parked_at       timestamptz NOT NULL DEFAULT now(),
    tried_at        timestamptz NOT NULL DEFAULT now(),
    UNIQUE (consumer_group, topic, kafka_partition, kafka_offset)
);
CREATE INDEX parked_event_role ON parked_event (role, parked_id);
