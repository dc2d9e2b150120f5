-- The email outbox: every message is a row written in the same transaction as the change that
-- causes it, then sent by a worker of `faro serve` (server/src/mailer.rs). A message is
-- composed when it is queued (recipient's language, absolute links), so what is sent is what
-- the change meant at that moment.
-- status: queued (waiting, or between attempts), sent, dead (gave up; an owner may send it
-- again), superseded (a newer message replaced it: a second password link), expired (its link
-- stopped working, at expires_at, before it could be sent). A node claims a queued message until
-- claimed_until; a node that died releases it by letting that time pass.
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    organization_id INTEGER REFERENCES organizations (id) ON DELETE CASCADE,
    kind            TEXT NOT NULL,
    recipient       TEXT NOT NULL,
    locale          TEXT NOT NULL,
    subject         TEXT NOT NULL,
    text_body       TEXT NOT NULL,
    html_body       TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'queued',
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    claimed_by      TEXT,
    claimed_until   INTEGER,
    last_answer     TEXT,
    created_at      INTEGER NOT NULL,
    sent_at         INTEGER,
    expires_at      INTEGER
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
CREATE INDEX outbox_by_organization ON outbox (organization_id, id);

-- Each attempt to hand a message to the SMTP server, with the server's answer.
CREATE TABLE outbox_attempts (
    message_id   INTEGER NOT NULL REFERENCES outbox (id) ON DELETE CASCADE,
    attempt      INTEGER NOT NULL,
    node         TEXT NOT NULL,
    at           INTEGER NOT NULL,
    delivered    INTEGER NOT NULL,
    answer       TEXT NOT NULL,
    PRIMARY KEY (message_id, attempt)
);
