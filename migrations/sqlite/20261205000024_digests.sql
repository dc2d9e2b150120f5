-- Digests: the notification mail of a person who chose a daily or weekly summary, kept as
-- lines (already in their language, with the project's name and the link) until the summary
-- goes out at 8:00 in their timezone (weekly: Mondays). digest_schedule holds when each
-- person's next summary of each cadence is due; a worker turns due ones into outbox messages.
CREATE TABLE digest_items (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    cadence     TEXT    NOT NULL CHECK (cadence IN ('daily', 'weekly')),
    kind        TEXT    NOT NULL,
    project_id  INTEGER REFERENCES projects (id) ON DELETE CASCADE,
    project     TEXT    NOT NULL,
    line        TEXT    NOT NULL,
    link        TEXT    NOT NULL,
    created_at  INTEGER NOT NULL
);
CREATE INDEX digest_items_user ON digest_items (user_id, cadence, id);
CREATE INDEX digest_items_project ON digest_items (project_id);

CREATE TABLE digest_schedule (
    user_id  INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    cadence  TEXT    NOT NULL CHECK (cadence IN ('daily', 'weekly')),
    next_at  INTEGER NOT NULL,
    PRIMARY KEY (user_id, cadence)
);
CREATE INDEX digest_schedule_due ON digest_schedule (next_at);
