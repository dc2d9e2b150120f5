-- Indexes for what the code asks: the people of an organization; the board's cards in column
-- and rank order; and every column that points at a person, so that removing a person does not
-- scan these tables to set or cascade their references.
CREATE INDEX users_organization ON users (organization_id);
CREATE INDEX cards_board_order ON cards (project_id, column_id, rank);
CREATE INDEX cards_assignee ON cards (assignee_id);
CREATE INDEX cards_created_by ON cards (created_by);
CREATE INDEX board_events_actor ON board_events (actor_id);
CREATE INDEX audit_events_user ON audit_events (user_id);
CREATE INDEX invitations_invited_by ON invitations (invited_by);
CREATE INDEX password_resets_created_by ON password_resets (created_by);
CREATE INDEX project_visits_user ON project_visits (user_id);
DROP INDEX cards_project;
