-- The rest of the assignment: who acts next in a SEQUENTIAL state (queue), and the candidates an accepted ticket
-- can be released to (pool). NULL stands for none, which costs nothing in the many rows that have neither.
ALTER TABLE ticket ADD COLUMN queue text[];
ALTER TABLE ticket ADD COLUMN pool text[];
