-- Parent and child tickets: a child's parent, and the children a ticket started with their outcomes. NULL stands for
-- none.
ALTER TABLE ticket ADD COLUMN parent jsonb;
ALTER TABLE ticket ADD COLUMN children jsonb;
