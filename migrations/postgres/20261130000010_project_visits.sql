-- Who has opened a project's welcome page: a client's first visit lands there, later ones on
-- the board.
CREATE TABLE project_visits (
    project_id  BIGINT  NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    user_id     BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    first_at    BIGINT  NOT NULL,
    PRIMARY KEY (project_id, user_id)
);
