-- Starts of rate-limited workflows, counted per (workflow, creator) over the workflow's window.
CREATE TABLE ticket_start (
    workflow_key text        NOT NULL,
    creator      text        NOT NULL,
    started_at   timestamptz NOT NULL,
    ticket_id    text        NOT NULL
);
CREATE INDEX ticket_start_window ON ticket_start (workflow_key, creator, started_at);
