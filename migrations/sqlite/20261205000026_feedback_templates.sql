-- The organization's own feedback templates: copies of the built-in forms that staff edit. A
-- template is written in one language; its questions are JSON like a sent form's. `version`
-- grows with every save, so a save from an older page is refused instead of undoing another.
CREATE TABLE feedback_templates (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    organization_id INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    title           TEXT    NOT NULL,
    language        TEXT    NOT NULL,
    questions       TEXT    NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    created_by      INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);
CREATE INDEX feedback_templates_organization ON feedback_templates (organization_id, id);
CREATE INDEX feedback_templates_created_by ON feedback_templates (created_by);
