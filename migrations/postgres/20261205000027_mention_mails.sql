-- Who was emailed about being named in which comment: an edit that takes a name out and puts
-- it back mails nobody again.
CREATE TABLE mention_mails (
    comment_id BIGINT NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
    user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (comment_id, user_id)
);
CREATE INDEX mention_mails_user ON mention_mails (user_id);
