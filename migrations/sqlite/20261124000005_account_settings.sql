-- Account settings: the language a person chose (NULL: follow the browser) and their timezone
-- (an IANA name such as Europe/Madrid), for dates and for emails sent to them.
ALTER TABLE users ADD COLUMN locale TEXT;
ALTER TABLE users ADD COLUMN timezone TEXT NOT NULL DEFAULT 'UTC';
