-- Whose turn it is in each ROUND_ROBIN state: a counter per workflow and state, taken with one atomic upsert.
CREATE TABLE assignee_rotation (
    workflow_key text   NOT NULL,
    state_key    text   NOT NULL,
    turns        bigint NOT NULL,
    PRIMARY KEY (workflow_key, state_key)
);
