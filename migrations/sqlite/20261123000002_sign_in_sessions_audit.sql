-- Sign-in: a password per person (empty until they choose one), project membership for
-- clients, server-side sessions, and an audit trail of security events.

ALTER TABLE users ADD COLUMN password_hash TEXT;

CREATE TABLE project_members (
    project_id  INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (project_id, user_id)
);
CREATE INDEX project_members_user ON project_members (user_id);

-- One row per browser session; `data` is the session's JSON, `user_id` is copied out of it
-- so that a password change can end a person's other sessions.
CREATE TABLE sessions (
    id          TEXT    PRIMARY KEY,
    user_id     INTEGER REFERENCES users (id) ON DELETE CASCADE,
    data        TEXT    NOT NULL,
    expires_at  INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires_at ON sessions (expires_at);

CREATE TABLE audit_events (
    id               INTEGER PRIMARY KEY,
    organization_id  INTEGER REFERENCES organizations (id) ON DELETE CASCADE,
    user_id          INTEGER REFERENCES users (id) ON DELETE SET NULL,
    action           TEXT    NOT NULL,
    detail           TEXT    NOT NULL,
    created_at       INTEGER NOT NULL
);
CREATE INDEX audit_events_organization ON audit_events (organization_id, created_at);
