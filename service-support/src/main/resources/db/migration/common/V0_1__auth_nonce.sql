-- Nonces of signed requests seen within the allowed clock skew: a second use of one is a replay.
CREATE TABLE auth_nonce (
    app_id     text        NOT NULL,
    nonce      text        NOT NULL,
    expires_at timestamptz NOT NULL,
    PRIMARY KEY (app_id, nonce)
);
CREATE INDEX auth_nonce_expires_at ON auth_nonce (expires_at);
