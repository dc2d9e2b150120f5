-- The project's welcome page (charter), in writing: Markdown sections, the response-time
-- commitment in hours and the update cadence in days. Empty text means "not written yet".
ALTER TABLE projects ADD COLUMN scope_in TEXT NOT NULL DEFAULT '';
ALTER TABLE projects ADD COLUMN scope_out TEXT NOT NULL DEFAULT '';
ALTER TABLE projects ADD COLUMN communication_plan TEXT NOT NULL DEFAULT '';
ALTER TABLE projects ADD COLUMN payment_terms TEXT NOT NULL DEFAULT '';
ALTER TABLE projects ADD COLUMN change_process TEXT NOT NULL DEFAULT '';
ALTER TABLE projects ADD COLUMN response_hours BIGINT NOT NULL DEFAULT 24;
ALTER TABLE projects ADD COLUMN update_cadence_days BIGINT NOT NULL DEFAULT 7;
