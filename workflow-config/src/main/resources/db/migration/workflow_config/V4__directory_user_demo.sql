-- Users the demo loader created and no feed or API call has written since. They do not count towards the mass
-- deactivation guard, so the first real directory sync of a demo installation may replace them.
ALTER TABLE directory_user
    ADD COLUMN demo boolean NOT NULL DEFAULT false;
