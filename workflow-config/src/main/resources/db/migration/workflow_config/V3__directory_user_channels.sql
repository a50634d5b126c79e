-- Each user's notification preferences: the channels they want, by the names notification-worker configures (empty:
-- the worker's defaults), and how chat robots reach them (keys mobile, feishu, dingtalk, wecom).
ALTER TABLE directory_user
    ADD COLUMN channels text[] NOT NULL DEFAULT '{}',
    ADD COLUMN contacts jsonb  NOT NULL DEFAULT '{}';
