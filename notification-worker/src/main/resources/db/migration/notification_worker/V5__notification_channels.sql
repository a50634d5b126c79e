-- Notifications become an outbox: a row per (event, reason, recipient, channel), written when the event is read and
-- sent by a poller (FOR UPDATE SKIP LOCKED), retried with back-off, dead-lettered when exhausted. The per-event rows
-- of V1 are replaced; their history is not carried over.
DROP TABLE delivery;
CREATE TABLE delivery (
    delivery_id  text        PRIMARY KEY,
    ticket_id    text        NOT NULL,
    event_id     text        NOT NULL,
    event_type   text        NOT NULL,
    kind         text        NOT NULL,
    reason       text        NOT NULL,
    recipient    text        NOT NULL,
    channel      text        NOT NULL,
    subject      text        NOT NULL,
    body         text        NOT NULL,
    payload      text        NOT NULL,
    status       text        NOT NULL CHECK (status IN ('PENDING', 'DELIVERED', 'DEAD')),
    attempts     integer     NOT NULL DEFAULT 0,
    max_attempts integer     NOT NULL,
    next_at      timestamptz NOT NULL,
    last_error   text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX delivery_due ON delivery (next_at) WHERE status = 'PENDING';
CREATE INDEX delivery_ticket ON delivery (ticket_id, created_at);
CREATE INDEX delivery_dead ON delivery (updated_at) WHERE status = 'DEAD';

-- The summary now follows the ticket to its end and stays: the ended notices and the delivery log need it.
ALTER TABLE ticket_summary
    ADD COLUMN workflow_version integer,
    ADD COLUMN state_key        text,
    ADD COLUMN state_name       text,
    ADD COLUMN status           text,
    ADD COLUMN fields           jsonb   NOT NULL DEFAULT '{}',
    ADD COLUMN assignees        text[]  NOT NULL DEFAULT '{}',
    ADD COLUMN participants     text[]  NOT NULL DEFAULT '{}',
    ADD COLUMN ended            boolean NOT NULL DEFAULT false,
    ADD COLUMN updated_at       timestamptz NOT NULL DEFAULT now();
