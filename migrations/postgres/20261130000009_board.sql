-- The board: each project's columns, its cards in rank order, and what happened on it (the
-- card history and the live stream's catch-up log). Flags are 0/1 integers on both databases;
-- ranks sort byte by byte (COLLATE "C"), as on SQLite.
CREATE TABLE board_columns (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    project_id  BIGINT  NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    name        TEXT    NOT NULL,
    position    BIGINT  NOT NULL,
    is_done     BIGINT  NOT NULL DEFAULT 0,
    created_at  BIGINT  NOT NULL,
    -- Lets cards reference (column, project): a card can never sit in another project's column.
    UNIQUE (id, project_id)
);
CREATE INDEX board_columns_project ON board_columns (project_id, position);

CREATE TABLE cards (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    project_id   BIGINT  NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    column_id    BIGINT  NOT NULL,
    rank         TEXT    COLLATE "C" NOT NULL,
    title        TEXT    NOT NULL,
    body         TEXT    NOT NULL DEFAULT '',
    assignee_id  BIGINT  REFERENCES users (id) ON DELETE SET NULL,
    due_on       TEXT,
    labels       TEXT    NOT NULL DEFAULT '',
    visibility   TEXT    NOT NULL CHECK (visibility IN ('client', 'internal')),
    version      BIGINT  NOT NULL DEFAULT 1,
    created_by   BIGINT  REFERENCES users (id) ON DELETE SET NULL,
    created_at   BIGINT  NOT NULL,
    updated_at   BIGINT  NOT NULL,
    FOREIGN KEY (column_id, project_id) REFERENCES board_columns (id, project_id),
    UNIQUE (column_id, rank)
);
CREATE INDEX cards_project ON cards (project_id);

CREATE TABLE board_events (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    project_id  BIGINT  NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    card_id     BIGINT  REFERENCES cards (id) ON DELETE CASCADE,
    actor_id    BIGINT  REFERENCES users (id) ON DELETE SET NULL,
    kind        TEXT    NOT NULL,
    detail      TEXT    NOT NULL DEFAULT '',
    -- 1 when only staff may learn of it (the card was internal at the time).
    internal    BIGINT  NOT NULL,
    created_at  BIGINT  NOT NULL
);
CREATE INDEX board_events_project ON board_events (project_id, id);
CREATE INDEX board_events_card ON board_events (card_id, id);

-- Projects made before boards existed get the default columns.
INSERT INTO board_columns (project_id, name, position, is_done, created_at)
SELECT p.id, c.name, c.position, c.is_done, p.created_at
FROM projects p
CROSS JOIN (
    SELECT 'Backlog' AS name, 1 AS position, 0 AS is_done
    UNION ALL SELECT 'In progress', 2, 0
    UNION ALL SELECT 'Review', 3, 0
    UNION ALL SELECT 'Done', 4, 1
) c;
