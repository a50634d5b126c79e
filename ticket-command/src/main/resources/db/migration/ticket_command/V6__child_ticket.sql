-- Which parent each child ticket reports to, kept by the children process from the event store: when a child ends,
-- its parent is told how.
CREATE TABLE child_ticket (
    child_id  text PRIMARY KEY,
    parent_id text NOT NULL
);
