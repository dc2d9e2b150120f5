-- The order staff give a project's milestones (the timeline's list). Milestones made before
-- keep the order they were shown in: by due date (undated last), then by creation.
ALTER TABLE milestones ADD COLUMN position INTEGER NOT NULL DEFAULT 0;
UPDATE milestones SET position = (
    SELECT COUNT(*) FROM milestones m2
    WHERE m2.project_id = milestones.project_id
      AND (CASE WHEN m2.due_on IS NULL THEN 1 ELSE 0 END, COALESCE(m2.due_on, ''), m2.id)
        < (CASE WHEN milestones.due_on IS NULL THEN 1 ELSE 0 END, COALESCE(milestones.due_on, ''),
           milestones.id)
);
CREATE INDEX milestones_project_position ON milestones (project_id, position);
