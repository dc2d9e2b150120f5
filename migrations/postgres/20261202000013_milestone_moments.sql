-- "Milestone reached", shown once to each client member: a row per milestone, person and
-- round of completion they have been shown.
CREATE TABLE milestone_moments (
    milestone_id  BIGINT  NOT NULL REFERENCES milestones (id) ON DELETE CASCADE,
    user_id       BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    round         BIGINT  NOT NULL,
    shown_at      BIGINT  NOT NULL,
    PRIMARY KEY (milestone_id, user_id, round)
);
CREATE INDEX milestone_moments_user ON milestone_moments (user_id);
