-- Delegations in the assignment: delegate -> delegator for each user who holds a place for someone else ("B for A").
-- NULL stands for none.
ALTER TABLE ticket ADD COLUMN on_behalf_of jsonb;
