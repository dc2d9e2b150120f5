-- The first tables: the agency (organization), its client companies, people and projects.
-- Times are UTC unix milliseconds (BIGINT); see DATABASE.md for why no TIMESTAMPTZ.

CREATE TABLE organizations (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        TEXT   NOT NULL,
    slug        TEXT   NOT NULL UNIQUE,
    created_at  BIGINT NOT NULL
);

CREATE TABLE client_companies (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organization_id  BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    name             TEXT   NOT NULL,
    created_at       BIGINT NOT NULL,
    UNIQUE (organization_id, name),
    -- Lets projects and users reference (company, organization) so a company of another
    -- organization can never be attached.
    UNIQUE (id, organization_id)
);

CREATE TABLE users (
    id                 BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organization_id    BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    client_company_id  BIGINT,
    email              TEXT   NOT NULL UNIQUE,
    name               TEXT   NOT NULL,
    role               TEXT   NOT NULL CHECK (role IN ('owner', 'pm', 'client')),
    created_at         BIGINT NOT NULL,
    FOREIGN KEY (client_company_id, organization_id)
        REFERENCES client_companies (id, organization_id) ON DELETE CASCADE,
    -- Clients belong to exactly one client company; staff to none.
    CHECK ((role = 'client') = (client_company_id IS NOT NULL))
);

CREATE TABLE projects (
    id                 BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organization_id    BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    client_company_id  BIGINT NOT NULL,
    name               TEXT   NOT NULL,
    created_at         BIGINT NOT NULL,
    FOREIGN KEY (client_company_id, organization_id)
        REFERENCES client_companies (id, organization_id)
);

CREATE INDEX projects_organization ON projects (organization_id);
CREATE INDEX users_client_company ON users (client_company_id);
