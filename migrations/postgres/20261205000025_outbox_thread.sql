-- What a message is about, among the messages of its kind to one person: an invitation's
-- project. A new message of a kind that replaces earlier ones (a password link, a sign-in
-- link, an invitation) supersedes the unsent ones of the same thread only: a person invited
-- to two projects gets both invitations, a person invited twice to one gets the newest.
ALTER TABLE outbox ADD COLUMN thread TEXT NOT NULL DEFAULT '';
