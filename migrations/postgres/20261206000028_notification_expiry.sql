-- What a digest line is about (the page: /forms/12), so that closing a feedback form removes
-- its line, as it expires the form's unsent mail (whose outbox thread is that page too); and
-- until when the line is worth reading (the form's closing day), after which gathering drops
-- it. NULL: it stays until the digest goes.
ALTER TABLE digest_items ADD COLUMN thread TEXT NOT NULL DEFAULT '';
ALTER TABLE digest_items ADD COLUMN expires_at BIGINT;
CREATE INDEX digest_items_thread ON digest_items (thread);
