-- The hook role's note of each ticket's workflow version, from its TicketCreated (and TicketMigrated): later events
-- do not carry it, and event hooks are part of the version.
CREATE TABLE hook_ticket (
    ticket_id        text    PRIMARY KEY,
    workflow_key     text    NOT NULL,
    workflow_version integer NOT NULL
);
