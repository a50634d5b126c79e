-- An Idempotency-Key belongs to the caller application AND the user it acts for: two users of one application may
-- send the same key without ever getting each other's answers. Keys stored before this change (kept 24 hours) have
-- no user and answer nobody any more.
ALTER TABLE idempotent_request ADD COLUMN user_id text NOT NULL DEFAULT '';
ALTER TABLE idempotent_request DROP CONSTRAINT idempotent_request_pkey;
ALTER TABLE idempotent_request ADD PRIMARY KEY (app_id, user_id, idem_key);
ALTER TABLE idempotent_request ALTER COLUMN user_id DROP DEFAULT;
