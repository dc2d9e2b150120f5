-- Comments on status updates. A client's comment may be a question: open until staff answer
-- (a staff comment on the same update) or mark it answered. Edits and deletions are marked,
-- never silent: a deleted comment keeps its place and says so.
CREATE TABLE update_comments (
    id           INTEGER PRIMARY KEY,
    update_id    INTEGER NOT NULL REFERENCES status_updates (id) ON DELETE CASCADE,
    author_id    INTEGER REFERENCES users (id) ON DELETE SET NULL,
    -- Kept when the person is removed.
    author       TEXT NOT NULL,
    by_staff     INTEGER NOT NULL,
    body         TEXT NOT NULL,
    is_question  INTEGER NOT NULL DEFAULT 0,
    answered_at  INTEGER,
    created_at   INTEGER NOT NULL,
    edited_at    INTEGER,
    deleted_at   INTEGER
);
CREATE INDEX update_comments_update ON update_comments (update_id, id);
CREATE INDEX update_comments_author ON update_comments (author_id);
