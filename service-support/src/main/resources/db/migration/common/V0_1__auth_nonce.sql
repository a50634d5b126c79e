-- Nonces of signed requests seen within the allowed clock skew, shared by the instances of a service: a second use
-- of one is a replay. Each instance also remembers its own nonces in memory, and nothing here outlives the skew
-- window, so the table is UNLOGGED: an insert commits without waiting for a WAL flush, and a PostgreSQL crash
-- empties it (replays to another instance within the next few minutes would go unnoticed; see ADR 0006).
CREATE UNLOGGED TABLE auth_nonce (
    app_id     text        NOT NULL,
    nonce      text        NOT NULL,
    expires_at timestamptz NOT NULL,
    PRIMARY KEY (app_id, nonce)
);
CREATE INDEX auth_nonce_expires_at ON auth_nonce (expires_at);
