-- Sign-in links: a client asks on /login/link for a link by email instead of typing a password.
-- A link works once and for 15 minutes; asking again ends the earlier unused ones. Only the
-- token's SHA-256 is stored. Staff never get one (they sign in with their password).
CREATE TABLE sign_in_links (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash  TEXT    NOT NULL UNIQUE,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    used_at     INTEGER
);
CREATE INDEX sign_in_links_user ON sign_in_links (user_id);
