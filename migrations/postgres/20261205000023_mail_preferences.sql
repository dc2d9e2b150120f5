-- Notification mail (a status update published, and later kinds): what each person wants of
-- each kind. A row only where they chose other than the default, 'immediately'. Account mail
-- (invitations, password and sign-in links) is always sent and has no row. 'daily' and 'weekly'
-- are the digests, to come.
CREATE TABLE mail_preferences (
    user_id   BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind      TEXT    NOT NULL,
    delivery  TEXT    NOT NULL CHECK (delivery IN ('immediately', 'daily', 'weekly', 'off')),
    PRIMARY KEY (user_id, kind)
);

-- Secrets that sign links which need no sign-in (unsubscribing), made once by the first node
-- that needs one and shared by every node through the database.
CREATE TABLE signing_keys (
    name    TEXT PRIMARY KEY,
    secret  TEXT NOT NULL
);

-- The one-click unsubscribe address of a notification message (List-Unsubscribe header).
ALTER TABLE outbox ADD COLUMN unsubscribe_url TEXT;
