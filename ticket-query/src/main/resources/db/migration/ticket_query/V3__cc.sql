-- Users copied on a ticket (CC): they may read it and find it in GET /tickets/cc, which only they have.
ALTER TABLE ticket_user ADD COLUMN cc boolean NOT NULL DEFAULT false;
CREATE INDEX ticket_user_cc ON ticket_user (username, created_at) INCLUDE (ticket_no) WHERE cc;
