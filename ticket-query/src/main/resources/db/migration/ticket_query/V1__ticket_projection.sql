-- The read model of ticket-query, fed only by the ticket events topic (rebuildable at any time).

-- One row per ticket: what lists show, plus the whole current snapshot for the detail view.
CREATE TABLE ticket (
    ticket_id        text        PRIMARY KEY,
    serial_no        text        NOT NULL,
    workflow_key     text        NOT NULL,
    workflow_version integer     NOT NULL,
    workflow_name    text        NOT NULL,
    title            text        NOT NULL,
    creator          text        NOT NULL,
    app_id           text,
    state_key        text        NOT NULL,
    state_name       text        NOT NULL,
    state_type       text        NOT NULL,
    status           text        NOT NULL,
    assignment       jsonb       NOT NULL,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    version          bigint      NOT NULL,
    snapshot         jsonb       NOT NULL
);
-- GET /tickets/all, newest first, keyset on (created_at, ticket_id).
CREATE INDEX ticket_created ON ticket (created_at DESC, ticket_id DESC);
-- GET /tickets/all?workflow=… and callers granted only some workflows.
CREATE INDEX ticket_workflow_created ON ticket (workflow_key, created_at DESC, ticket_id DESC);
-- GET /tickets/created.
CREATE INDEX ticket_creator_created ON ticket (creator, created_at DESC, ticket_id DESC);
-- serialNo prefix search.
CREATE INDEX ticket_serial_no ON ticket (serial_no text_pattern_ops);

-- One row per (user, ticket) the user is related to: creator, ever assigned, or acted. The filter and order
-- columns are copied from the ticket so a user's lists are answered from this table's indexes alone.
CREATE TABLE ticket_user (
    username     text        NOT NULL,
    ticket_id    text        NOT NULL,
    todo         boolean     NOT NULL DEFAULT false,
    creator      boolean     NOT NULL DEFAULT false,
    acted        boolean     NOT NULL DEFAULT false,
    assigned     boolean     NOT NULL DEFAULT false,
    created_at   timestamptz NOT NULL,
    workflow_key text        NOT NULL,
    state_key    text        NOT NULL,
    status       text        NOT NULL,
    title        text        NOT NULL,
    serial_no    text        NOT NULL,
    PRIMARY KEY (username, ticket_id)
);
-- GET /tickets/todo: only open work is indexed.
CREATE INDEX ticket_user_todo ON ticket_user (username, created_at DESC, ticket_id DESC) WHERE todo;
-- GET /tickets/related.
CREATE INDEX ticket_user_related ON ticket_user (username, created_at DESC, ticket_id DESC);
-- Every event refreshes the rows of its ticket.
CREATE INDEX ticket_user_ticket ON ticket_user (ticket_id);

-- One row per event: the flow log. Each event is stored once, as received; the whole ticket after each entry is
-- folded from the events on read (TicketSnapshot), so the log answers with full snapshots without storing them.
CREATE TABLE flow_log (
    ticket_id  text   NOT NULL,
    seq        bigint NOT NULL,
    event_id   text,
    event_type text   NOT NULL,
    event      jsonb  NOT NULL,
    PRIMARY KEY (ticket_id, seq)
);

-- Events that arrived before their predecessor and outlasted the retries: kept, never skipped, and applied as
-- soon as the missing event has been projected. Unreadable records are kept here too (reason 'unreadable').
CREATE TABLE parked_event (
    id         bigserial   PRIMARY KEY,
    ticket_id  text,
    seq        bigint,
    event_id   text,
    ce_type    text,
    payload    text,
    reason     text        NOT NULL,
    error      text,
    source     text        NOT NULL,
    parked_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX parked_event_ticket ON parked_event (ticket_id, seq);
