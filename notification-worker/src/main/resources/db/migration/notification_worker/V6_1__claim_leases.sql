-- Due deliveries and hook calls are claimed with a lease instead of a row lock held for the whole batch: claimed_by
-- names the worker that works on the row until claimed_until. Each outcome is recorded as soon as it is known and
-- clears claimed_until; a row whose lease ran out (its worker died or lost the database) is claimed again by any
-- worker, without a restart. A crash thus repeats at most the rows that were in flight.
ALTER TABLE delivery
    ADD COLUMN claimed_by    text,
    ADD COLUMN claimed_until timestamptz;
ALTER TABLE hook_call
    ADD COLUMN claimed_by    text,
    ADD COLUMN claimed_until timestamptz;
