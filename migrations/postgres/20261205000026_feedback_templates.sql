-- The organization's own feedback templates: copies of the built-in forms that staff edit. A
-- template is written in one language; its questions are JSON like a sent form's. `version`
-- grows with every save, so a save from an older page is refused instead of undoing another.
CREATE TABLE feedback_templates (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    title           TEXT NOT NULL,
    language        TEXT NOT NULL,
    questions       TEXT NOT NULL,
    version         BIGINT NOT NULL DEFAULT 1,
    created_by      BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL
);
CREATE INDEX feedback_templates_organization ON feedback_templates (organization_id, id);
CREATE INDEX feedback_templates_created_by ON feedback_templates (created_by);
