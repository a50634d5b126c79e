-- Users' delegations: while from <= now < until, the work rules give the delegator goes to the delegate, for every
-- workflow when workflows is empty. Published on the directory topic as delegation:<id>; a cancellation deletes the
-- row and publishes a tombstone.
CREATE TABLE delegation (
    id         text        PRIMARY KEY,
    delegator  text        NOT NULL,
    delegate   text        NOT NULL CHECK (delegate <> delegator),
    valid_from timestamptz NOT NULL,
    valid_until timestamptz NOT NULL CHECK (valid_until > valid_from),
    workflows  text[]      NOT NULL DEFAULT '{}',
    reason     text        NULL,
    created_by text        NOT NULL,
    created_at timestamptz NOT NULL
);

CREATE INDEX delegation_by_delegator ON delegation (delegator, valid_until);
CREATE INDEX delegation_by_delegate ON delegation (delegate, valid_until);
