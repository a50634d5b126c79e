-- One counter row per serial prefix and day: a workflow may number its tickets under its own prefix. Rows counted
-- before this change have the empty prefix; ticket-command adopts them for the installation's prefix on start.
ALTER TABLE serial_counter ADD COLUMN prefix text NOT NULL DEFAULT '';
ALTER TABLE serial_counter ALTER COLUMN prefix DROP DEFAULT;
ALTER TABLE serial_counter DROP CONSTRAINT serial_counter_pkey;
ALTER TABLE serial_counter ADD PRIMARY KEY (prefix, day);
