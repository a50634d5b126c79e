-- The W3C traceparent of the event that caused each row (null: the event carried none): the webhook sends, hook
-- calls, answers and timer firings made from the row continue that trace.
ALTER TABLE delivery ADD COLUMN traceparent text;
ALTER TABLE hook_call ADD COLUMN traceparent text;
ALTER TABLE timer ADD COLUMN traceparent text;
