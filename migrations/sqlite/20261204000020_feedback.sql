-- Feedback forms sent to a project's client members, and their answers. A form keeps its own
-- copy of its questions (JSON), so a template changed later never changes what was asked. A
-- milestone's approval sends one form per round of sign-off (the unique pair), however many
-- approvals arrive at once.
CREATE TABLE feedback_forms (
    -- AUTOINCREMENT: an old /forms/{id} link never leads to another form.
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id      INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    milestone_id    INTEGER REFERENCES milestones (id) ON DELETE SET NULL,
    milestone_round INTEGER,
    template        TEXT NOT NULL,
    title           TEXT NOT NULL,
    questions       TEXT NOT NULL,
    sent_by         INTEGER REFERENCES users (id) ON DELETE SET NULL,
    sent_at         INTEGER NOT NULL,
    closes_at       INTEGER NOT NULL,
    closed_at       INTEGER,
    UNIQUE (milestone_id, milestone_round)
);
CREATE INDEX feedback_forms_project ON feedback_forms (project_id, id);
CREATE INDEX feedback_forms_sent_by ON feedback_forms (sent_by);

-- One response per client member per form; answering again replaces it while the form is open.
CREATE TABLE feedback_responses (
    form_id      INTEGER NOT NULL REFERENCES feedback_forms (id) ON DELETE CASCADE,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    person       TEXT NOT NULL,
    answers      TEXT NOT NULL,
    -- CSAT 2 or less, or NPS 6 or less: the project needs the team's attention.
    low          INTEGER NOT NULL DEFAULT 0,
    submitted_at INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    -- A low score stays flagged until a staff member says what was done about it (a new answer
    -- flags it again).
    handled_at   INTEGER,
    handled_by   TEXT,
    handled_note TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (form_id, user_id)
);
CREATE INDEX feedback_responses_user ON feedback_responses (user_id);

-- What a project sends by itself: the template when a client approves a milestone, and when the
-- project is closed (archived); empty: nothing.
ALTER TABLE projects ADD COLUMN feedback_on_approval TEXT NOT NULL DEFAULT 'milestone_check_in';
ALTER TABLE projects ADD COLUMN feedback_on_close TEXT NOT NULL DEFAULT 'project_close';
