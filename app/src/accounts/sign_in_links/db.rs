//! SQL for sign-in links (server only).

use super::SignInLinkDetails;
use crate::accounts::UserId;
use crate::ids::Timestamp;
use sqlx::{Any, Executor};

/// Stores a new link for `user`; their earlier unused links stop working. Two requests at the
/// same instant take turns on the person's row, so only the later link is left working.
pub async fn create_link(
    tx: &mut crate::db::Tx,
    user: UserId,
    token_hash: &str,
    now: Timestamp,
    expires_at: Timestamp,
) -> Result<(), sqlx::Error> {
    crate::db::lock_row(tx, "users", user.0).await?;
    sqlx::query("DELETE FROM sign_in_links WHERE user_id = $1 AND used_at IS NULL")
        .bind(user)
        .execute(&mut **tx)
        .await?;
    sqlx::query(
        "INSERT INTO sign_in_links (user_id, token_hash, created_at, expires_at)
         VALUES ($1, $2, $3, $4)",
    )
    .bind(user)
    .bind(token_hash)
    .bind(now)
    .bind(expires_at)
    .execute(&mut **tx)
    .await
    .map(drop)
}

/// Whom an open link signs in; `None` when unknown, used, expired, or no longer a client's.
pub async fn find_open_link<'e>(
    db: impl Executor<'e, Database = Any>,
    token_hash: &str,
    now: Timestamp,
) -> Result<Option<SignInLinkDetails>, sqlx::Error> {
    sqlx::query_as(
        "SELECT u.name, o.name AS organization
         FROM sign_in_links l
         JOIN users u ON u.id = l.user_id
         JOIN organizations o ON o.id = u.organization_id
         WHERE l.token_hash = $1 AND l.used_at IS NULL AND l.expires_at > $2
           AND u.role = 'client'",
    )
    .bind(token_hash)
    .bind(now)
    .fetch_optional(db)
    .await
}

/// Marks an open link used and answers whose it is; `None` when unknown, used or expired. One
/// statement: of two requests with the same link at the same instant, one gets the person.
pub async fn claim_link(
    tx: &mut crate::db::Tx,
    token_hash: &str,
    now: Timestamp,
) -> Result<Option<UserId>, sqlx::Error> {
    sqlx::query_scalar(
        "UPDATE sign_in_links SET used_at = $2
         WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2
         RETURNING user_id",
    )
    .bind(token_hash)
    .bind(now)
    .fetch_optional(&mut **tx)
    .await
}
