-- Status updates: a project's health, summary and Markdown sections, written as a draft
-- (published_at NULL: staff only) and then published; corrections after publishing keep the text
-- they replaced; clients mark an update seen.
CREATE TABLE status_updates (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    project_id    BIGINT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    health        TEXT NOT NULL CHECK (health IN ('on_track', 'at_risk', 'off_track')),
    summary       TEXT NOT NULL,
    done          TEXT NOT NULL DEFAULT '',
    next_steps    TEXT NOT NULL DEFAULT '',
    questions     TEXT NOT NULL DEFAULT '',
    risks         TEXT NOT NULL DEFAULT '',
    author_id     BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL,
    published_at  BIGINT,
    -- The last correction after publishing.
    edited_at     BIGINT,
    version       BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX status_updates_project ON status_updates (project_id, published_at);
CREATE INDEX status_updates_author ON status_updates (author_id);

-- The text a published update had before each correction.
CREATE TABLE status_update_revisions (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    update_id     BIGINT NOT NULL REFERENCES status_updates (id) ON DELETE CASCADE,
    health        TEXT NOT NULL,
    summary       TEXT NOT NULL,
    done          TEXT NOT NULL,
    next_steps    TEXT NOT NULL,
    questions     TEXT NOT NULL,
    risks         TEXT NOT NULL,
    edited_by     BIGINT REFERENCES users (id) ON DELETE SET NULL,
    replaced_at   BIGINT NOT NULL
);
CREATE INDEX status_update_revisions_update ON status_update_revisions (update_id);
CREATE INDEX status_update_revisions_edited_by ON status_update_revisions (edited_by);

CREATE TABLE status_update_seen (
    update_id  BIGINT NOT NULL REFERENCES status_updates (id) ON DELETE CASCADE,
    user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    seen_at    BIGINT NOT NULL,
    PRIMARY KEY (update_id, user_id)
);
CREATE INDEX status_update_seen_user ON status_update_seen (user_id);
