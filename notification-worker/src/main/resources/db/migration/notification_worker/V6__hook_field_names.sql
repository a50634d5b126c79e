-- The hook role: how a state's hook call renamed the ticket's fields (ticket field key -> the name the system
-- expects, the hook's "fields"), kept with the call's id before the call is queued, so that the system's answer,
-- which uses the same names, can be mapped back to the ticket's own keys.
CREATE TABLE hook_field_names (
    hook_id text  PRIMARY KEY,
    names   jsonb NOT NULL
);
