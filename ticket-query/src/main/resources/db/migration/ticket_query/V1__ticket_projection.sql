-- The read model of ticket-query, fed only by the ticket events topic (rebuildable at any time).
--
-- Sized for many finished tickets: no column repeats another, the flow log is one compressed value per ticket, and
-- the per-user rows refer to their ticket by a small surrogate number.
--
-- Lists are ordered newest first by (created_at, ticket_id). The indexes hold created_at only: ties (tickets created
-- in the same microsecond) are put in ticket_id order by an incremental sort over the few tied rows.

-- The projection numbers tickets in the order it first sees them; ticket_user and flow_log refer to a ticket by its
-- number (8 bytes instead of a 36-character id in every row). Never shown: answers and cursors use ticket_id.
CREATE SEQUENCE ticket_no_seq AS bigint;

-- One row per ticket: what lists filter and show, and everything the detail view returns. The detail's snapshot is
-- read from these columns; nothing is stored twice.
CREATE TABLE ticket (
    ticket_no         bigint      NOT NULL DEFAULT nextval('ticket_no_seq'),
    ticket_id         text        PRIMARY KEY,
    serial_no         text        NOT NULL,
    workflow_key      text        NOT NULL,
    workflow_version  integer     NOT NULL,
    workflow_name     text        NOT NULL,
    title             text        NOT NULL,
    creator           text        NOT NULL,
    app_id            text,
    state_key         text        NOT NULL,
    state_name        text        NOT NULL,
    state_type        text        NOT NULL,
    status            text        NOT NULL,
    -- the assignment: who must act now (the todo list's users), and how
    distribution      text        NOT NULL,
    participants      text[]      NOT NULL,
    awaiting_accept   boolean     NOT NULL,
    done              text[]      NOT NULL,
    sign_requested_by text,
    fields            jsonb       NOT NULL,
    -- timestamptz keeps microseconds (rounded half up); *_nanos keeps the rest of the event's instant (-500..499 ns),
    -- so the detail returns the exact instant the flow log shows
    created_at        timestamptz NOT NULL,
    created_at_nanos  smallint    NOT NULL,
    updated_at        timestamptz NOT NULL,
    updated_at_nanos  smallint    NOT NULL,
    version           bigint      NOT NULL
);
ALTER SEQUENCE ticket_no_seq OWNED BY ticket.ticket_no;
CREATE UNIQUE INDEX ticket_no ON ticket (ticket_no);
-- GET /tickets/all, newest first.
CREATE INDEX ticket_created ON ticket (created_at);
-- GET /tickets/all?workflow=….
CREATE INDEX ticket_workflow_created ON ticket (workflow_key, created_at);
-- GET /tickets/created.
CREATE INDEX ticket_creator_created ON ticket (creator, created_at);
-- serialNo prefix search.
CREATE INDEX ticket_serial_no ON ticket (serial_no text_pattern_ops);

-- One row per (user, ticket) the user is related to: creator, ever assigned, or acted. Narrow on purpose: the
-- list filters other than the user read the ticket row (a primary-key lookup per listed ticket). created_at is the
-- ticket's, so a user's rows come out of the indexes newest first.
CREATE TABLE ticket_user (
    username   text        NOT NULL,
    created_at timestamptz NOT NULL,
    ticket_no  bigint      NOT NULL,
    todo       boolean     NOT NULL,
    creator    boolean     NOT NULL,
    acted      boolean     NOT NULL,
    assigned   boolean     NOT NULL,
    -- also GET /tickets/related
    PRIMARY KEY (username, created_at, ticket_no)
);
-- GET /tickets/todo: only open work is indexed, with the ticket's number so that the scan needs no row of this table.
CREATE INDEX ticket_user_todo ON ticket_user (username, created_at) INCLUDE (ticket_no) WHERE todo;

-- One row per ticket: its events in order (element n is event n), as newline-separated JSON
-- {"type":"TicketHandled","event":{…}}, deflated (zlib format). The whole ticket after each entry is folded from
-- the events on read (TicketSnapshot), so the log answers with full snapshots without storing them.
CREATE TABLE flow_log (
    ticket_no bigint PRIMARY KEY,
    events    bytea  NOT NULL
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

-- Tickets move, so their rows are rewritten (the flow log's row on every event): vacuum when 2 % of a table is dead
-- rather than PostgreSQL's default 20 %, so freed space is reused before the tables grow.
ALTER TABLE ticket SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_threshold = 200);
ALTER TABLE ticket_user SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_threshold = 200);
ALTER TABLE flow_log SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_threshold = 200);
