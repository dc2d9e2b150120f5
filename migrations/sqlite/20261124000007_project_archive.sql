-- Archiving a project: it leaves the clients' lists and the staff's active list, and can be
-- reopened. NULL while the project is active.
ALTER TABLE projects ADD COLUMN archived_at INTEGER;
