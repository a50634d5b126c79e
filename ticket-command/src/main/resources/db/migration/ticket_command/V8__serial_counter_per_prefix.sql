-- The counters of workflows that number their tickets under their own serial prefix, one row per prefix and day.
-- The installation's prefix keeps counting in serial_counter, which earlier versions use too: during a rolling
-- upgrade both versions take its numbers from the same row.
CREATE TABLE serial_counter_by_prefix (
    prefix text   NOT NULL,
    day    date   NOT NULL,
    last   bigint NOT NULL,
    PRIMARY KEY (prefix, day)
);
