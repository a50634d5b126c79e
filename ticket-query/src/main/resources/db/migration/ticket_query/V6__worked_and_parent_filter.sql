-- GET /tickets/worked: the tickets a user worked on (handled, voted, accepted, released, transferred, asked or gave an
-- add-sign, sent back, withdrew). Set by the projection from the events; rows projected before this column existed
-- get it by a rebuild (POST /admin/projections/rebuild).
ALTER TABLE ticket_user ADD COLUMN worked boolean NOT NULL DEFAULT false;
CREATE INDEX ticket_user_worked ON ticket_user (username, created_at) INCLUDE (ticket_no) WHERE worked;
-- The lists' parent filter (?parent=<ticketId>): a child ticket's parent is in its parent column already; only child
-- tickets are indexed.
CREATE INDEX ticket_parent ON ticket ((parent ->> 'ticketId'), created_at) WHERE (parent ->> 'ticketId') IS NOT NULL;
