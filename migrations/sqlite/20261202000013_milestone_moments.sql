-- "Milestone reached", shown once to each client member: a row per milestone, person and
-- round of completion they have been shown.
CREATE TABLE milestone_moments (
    milestone_id  INTEGER NOT NULL REFERENCES milestones (id) ON DELETE CASCADE,
    user_id       INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    round         INTEGER NOT NULL,
    shown_at      INTEGER NOT NULL,
    PRIMARY KEY (milestone_id, user_id, round)
);
CREATE INDEX milestone_moments_user ON milestone_moments (user_id);
