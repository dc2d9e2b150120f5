-- A correction keeps the decision the update asked before it too: the question and its options
-- as the client read them, one option a line ("A. … · cost · time · impact").
ALTER TABLE status_update_revisions ADD COLUMN decision TEXT NOT NULL DEFAULT '';
ALTER TABLE status_update_revisions ADD COLUMN options TEXT NOT NULL DEFAULT '';
