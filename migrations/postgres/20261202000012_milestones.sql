-- Milestones: each project's steps with a due date, the client's sign-off of each completion
-- (one decision per client member per round; a round starts each time staff complete it),
-- their history, and the cards linked to them.
CREATE TABLE milestones (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    project_id    BIGINT  NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    title         TEXT    NOT NULL,
    description   TEXT    NOT NULL DEFAULT '',
    due_on        TEXT,
    status        TEXT    NOT NULL DEFAULT 'planned'
                  CHECK (status IN ('planned', 'in_progress', 'completed', 'approved')),
    -- Raised each time staff complete it: sign-offs belong to one round.
    round         BIGINT  NOT NULL DEFAULT 0,
    completed_at  BIGINT,
    version       BIGINT  NOT NULL DEFAULT 1,
    created_by    BIGINT  REFERENCES users (id) ON DELETE SET NULL,
    created_at    BIGINT  NOT NULL,
    updated_at    BIGINT  NOT NULL
);
CREATE INDEX milestones_project ON milestones (project_id, due_on);
CREATE INDEX milestones_created_by ON milestones (created_by);

CREATE TABLE milestone_sign_offs (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    milestone_id  BIGINT  NOT NULL REFERENCES milestones (id) ON DELETE CASCADE,
    round         BIGINT  NOT NULL,
    -- Kept when the person is removed (what they decided stays), with their name as it was.
    user_id       BIGINT  REFERENCES users (id) ON DELETE SET NULL,
    person        TEXT    NOT NULL,
    decision      TEXT    NOT NULL CHECK (decision IN ('approved', 'changes_requested')),
    comment       TEXT    NOT NULL DEFAULT '',
    decided_at    BIGINT  NOT NULL,
    -- One decision per person per round: a double click counts once.
    UNIQUE (milestone_id, round, user_id)
);
CREATE INDEX milestone_sign_offs_user ON milestone_sign_offs (user_id);

CREATE TABLE milestone_events (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    milestone_id  BIGINT  NOT NULL REFERENCES milestones (id) ON DELETE CASCADE,
    actor_id      BIGINT  REFERENCES users (id) ON DELETE SET NULL,
    -- The status it moved to (NULL for an edit), and the client's decision if it was one.
    status        TEXT,
    decision      TEXT,
    created_at    BIGINT  NOT NULL
);
CREATE INDEX milestone_events_milestone ON milestone_events (milestone_id, id);
CREATE INDEX milestone_events_actor ON milestone_events (actor_id);

ALTER TABLE cards ADD COLUMN milestone_id BIGINT  REFERENCES milestones (id) ON DELETE SET NULL;
CREATE INDEX cards_milestone ON cards (milestone_id);
