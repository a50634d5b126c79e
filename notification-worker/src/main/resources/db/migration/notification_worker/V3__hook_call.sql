-- The hook role: every call of a state's hook, from the event that asked for it until the system's answer went
-- back to the ticket. PENDING: to call (next_at); WAITING: an async hook accepted the call and will answer on the
-- callback; DONE: answered; EXHAUSTED: every attempt failed (dead-lettered, can be retried); CANCELLED: the ticket
-- left the state first. Rows are claimed with FOR UPDATE SKIP LOCKED, so several hook workers never call one at once.
CREATE TABLE hook_call (
    hook_id         text        PRIMARY KEY,
    ticket_id       text        NOT NULL,
    status          text        NOT NULL CHECK (status IN ('PENDING', 'WAITING', 'DONE', 'EXHAUSTED', 'CANCELLED')),
    mode            text        NOT NULL,
    url             text        NOT NULL,
    secret_name     text        NOT NULL,
    timeout_seconds integer     NOT NULL,
    max_attempts    integer     NOT NULL,
    attempts        integer     NOT NULL DEFAULT 0,
    next_at         timestamptz NOT NULL,
    payload         text        NOT NULL,
    last_error      text,
    scheduled_seq   bigint      NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX hook_call_due ON hook_call (next_at) WHERE status = 'PENDING';
CREATE INDEX hook_call_ticket ON hook_call (ticket_id);
