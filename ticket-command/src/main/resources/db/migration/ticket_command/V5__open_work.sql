-- Who has which open ticket to act on now, kept by the workload tracking processor from the event store: the load
-- that LEAST_LOADED states balance. Eventually consistent; a ticket's rows are replaced by each assignment change.
CREATE TABLE open_work (
    ticket_id text NOT NULL,
    username  text NOT NULL,
    PRIMARY KEY (ticket_id, username)
);
CREATE INDEX open_work_user ON open_work (username);
