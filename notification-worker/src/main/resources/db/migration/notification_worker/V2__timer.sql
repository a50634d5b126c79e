-- The timer role: every timer a ticket's current state has scheduled, until it is due (and, for repeating reminders,
-- as long as it repeats). Rows are claimed with FOR UPDATE SKIP LOCKED, so several timer workers never fire one row
-- at the same moment; the ticket ignores a firing it has taken already.
CREATE TABLE timer (
    timer_id      text        PRIMARY KEY,
    ticket_id     text        NOT NULL,
    kind          text        NOT NULL,
    visit         integer     NOT NULL,
    due_at        timestamptz NOT NULL,
    every_seconds bigint,
    times         integer,
    firing        integer     NOT NULL DEFAULT 0,
    scheduled_seq bigint      NOT NULL
);
CREATE INDEX timer_due ON timer (due_at);
CREATE INDEX timer_ticket ON timer (ticket_id);
