-- What notifications need from a ticket's creation: later events do not repeat title, serial number or workflow.
-- Kept while the ticket is open; deleted when it ends.
CREATE TABLE ticket_summary (
    ticket_id     text        PRIMARY KEY,
    serial_no     text,
    title         text,
    workflow_key  text,
    workflow_name text,
    creator       text,
    created_at    timestamptz NOT NULL DEFAULT now()
);

-- One row per notification posted to the webhook (an event and the people it addresses). delivery_id = event id +
-- ':' + hash of the recipients, so a redelivered event finds its row: a DELIVERED one is not sent again.
CREATE TABLE delivery (
    delivery_id text        PRIMARY KEY,
    ticket_id   text        NOT NULL,
    event_id    text        NOT NULL,
    event_type  text        NOT NULL,
    recipients  text[]      NOT NULL,
    status      text        NOT NULL CHECK (status IN ('DELIVERED', 'FAILED', 'DEAD')),
    attempts    integer     NOT NULL DEFAULT 0,
    last_error  text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX delivery_ticket ON delivery (ticket_id, created_at);
