-- One counter row per day gives unique, readable serial numbers.
CREATE TABLE serial_counter (
    day  date   PRIMARY KEY,
    last bigint NOT NULL
);

-- Answers to requests sent with an Idempotency-Key, kept for 24 hours.
CREATE TABLE idempotent_request (
    app_id      text        NOT NULL,
    idem_key    text        NOT NULL,
    fingerprint text        NOT NULL,
    done        boolean     NOT NULL,
    http_status integer,
    response    text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (app_id, idem_key)
);
CREATE INDEX idempotent_request_created_at ON idempotent_request (created_at);
