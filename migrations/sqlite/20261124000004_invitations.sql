-- Invitations: an owner or PM invites a person by email, to a project (clients always; staff
-- optionally). The link carries a secret token; only its SHA-256 is stored. A link works once
-- (`accepted_at`) and until `expires_at`.
CREATE TABLE invitations (
    id                 INTEGER PRIMARY KEY,
    organization_id    INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    project_id         INTEGER REFERENCES projects (id) ON DELETE CASCADE,
    client_company_id  INTEGER,
    email              TEXT    NOT NULL,
    role               TEXT    NOT NULL CHECK (role IN ('owner', 'pm', 'client')),
    token_hash         TEXT    NOT NULL UNIQUE,
    invited_by         INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at         INTEGER NOT NULL,
    expires_at         INTEGER NOT NULL,
    accepted_at        INTEGER,
    FOREIGN KEY (client_company_id, organization_id)
        REFERENCES client_companies (id, organization_id) ON DELETE CASCADE,
    CHECK ((role = 'client') = (client_company_id IS NOT NULL)),
    CHECK (role <> 'client' OR project_id IS NOT NULL)
);
CREATE INDEX invitations_project ON invitations (project_id, email);
CREATE INDEX invitations_organization ON invitations (organization_id, email);
