-- One conversation shape for everything a project shows: comments on status updates, cards and
-- milestones live in one table, each on exactly one subject. The comments written on updates so
-- far move here unchanged (same ids). A client's comment may be a question: open until staff
-- answer it (a staff comment on the same subject) or mark it answered.
-- AUTOINCREMENT: a removed comment's id is never reused, so an old #comment-N link never
-- points at someone else's words.
CREATE TABLE comments (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id   INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    update_id    INTEGER REFERENCES status_updates (id) ON DELETE CASCADE,
    card_id      INTEGER REFERENCES cards (id) ON DELETE CASCADE,
    milestone_id INTEGER REFERENCES milestones (id) ON DELETE CASCADE,
    author_id    INTEGER REFERENCES users (id) ON DELETE SET NULL,
    -- Kept when the person is removed.
    author       TEXT NOT NULL,
    by_staff     INTEGER NOT NULL,
    body         TEXT NOT NULL,
    is_question  INTEGER NOT NULL DEFAULT 0,
    answered_at  INTEGER,
    created_at   INTEGER NOT NULL,
    edited_at    INTEGER,
    -- Written on an internal card: staff only, even if the card is later shown to the client.
    internal     INTEGER NOT NULL DEFAULT 0,
    deleted_at   INTEGER,
    CHECK ((update_id IS NOT NULL) + (card_id IS NOT NULL) + (milestone_id IS NOT NULL) = 1)
);
INSERT INTO comments (id, project_id, update_id, author_id, author, by_staff, body, is_question,
                      answered_at, created_at, edited_at, deleted_at)
SELECT c.id, s.project_id, c.update_id, c.author_id, c.author, c.by_staff, c.body, c.is_question,
       c.answered_at, c.created_at, c.edited_at, c.deleted_at
FROM update_comments c JOIN status_updates s ON s.id = c.update_id;
DROP TABLE update_comments;
CREATE INDEX comments_update ON comments (update_id, id);
CREATE INDEX comments_card ON comments (card_id, id);
CREATE INDEX comments_milestone ON comments (milestone_id, id);
CREATE INDEX comments_project_milestones ON comments (project_id, milestone_id);
CREATE INDEX comments_author ON comments (author_id);
-- The organization's open questions, read on every staff home page.
CREATE INDEX comments_open_questions ON comments (project_id)
    WHERE is_question = 1 AND answered_at IS NULL AND deleted_at IS NULL;

-- "@Ana García" in a comment: the project member named sees it in the app until they have read it.
CREATE TABLE mentions (
    comment_id INTEGER NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    read_at    INTEGER,
    PRIMARY KEY (comment_id, user_id)
);
CREATE INDEX mentions_user ON mentions (user_id);
