-- Until when a digest line is worth reading: a feedback form's line stops when the form closes
-- (on its day; staff closing it early remove the line). NULL: it stays until the digest goes.
-- (A notification message in the outbox uses outbox.expires_at, and its thread is the page it
-- is about, so that closing a form can stop the mail that asks for it.)
ALTER TABLE digest_items ADD COLUMN expires_at BIGINT;
