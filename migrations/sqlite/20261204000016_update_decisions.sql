-- A decision a status update asks of the client: a question (empty: none), an optional day to
-- choose by, 2 to 4 options (one recommended), and the choice once made: one per update, the
-- first client member's (a primary key, so two at once cannot both count).
ALTER TABLE status_updates ADD COLUMN decision TEXT NOT NULL DEFAULT '';
ALTER TABLE status_updates ADD COLUMN decide_by TEXT;

CREATE TABLE update_options (
    id           INTEGER PRIMARY KEY,
    update_id    INTEGER NOT NULL REFERENCES status_updates (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    what         TEXT NOT NULL,
    cost         TEXT NOT NULL DEFAULT '',
    time_needed  TEXT NOT NULL DEFAULT '',
    impact       TEXT NOT NULL DEFAULT '',
    recommended  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX update_options_update ON update_options (update_id, position);

CREATE TABLE update_choices (
    update_id   INTEGER PRIMARY KEY REFERENCES status_updates (id) ON DELETE CASCADE,
    option_id   INTEGER NOT NULL REFERENCES update_options (id) ON DELETE CASCADE,
    user_id     INTEGER REFERENCES users (id) ON DELETE SET NULL,
    -- Kept when the person is removed: what they decided stays.
    person      TEXT NOT NULL,
    chosen_at   INTEGER NOT NULL
);
CREATE INDEX update_choices_option ON update_choices (option_id);
CREATE INDEX update_choices_user ON update_choices (user_id);
