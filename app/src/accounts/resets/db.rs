//! SQL for password resets (server only).

use super::ResetDetails;
use crate::accounts::UserId;
use crate::ids::Timestamp;
use sqlx::{Any, Executor};

/// Stores a new link for `user`; earlier unused links of theirs stop working.
pub async fn create_reset(
    tx: &mut crate::db::Tx,
    user: UserId,
    token_hash: &str,
    created_by: UserId,
    now: Timestamp,
    expires_at: Timestamp,
) -> Result<(), sqlx::Error> {
    // Two links made at the same instant take turns: the later one ends the earlier.
    crate::db::lock_row(tx, "users", user.0).await?;
    sqlx::query("DELETE FROM password_resets WHERE user_id = $1 AND used_at IS NULL")
        .bind(user)
        .execute(&mut **tx)
        .await?;
    sqlx::query(
        "INSERT INTO password_resets (user_id, token_hash, created_by, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(user)
    .bind(token_hash)
    .bind(created_by)
    .bind(now)
    .bind(expires_at)
    .execute(&mut **tx)
    .await
    .map(drop)
}

pub async fn find_open_reset<'e>(
    db: impl Executor<'e, Database = Any>,
    token_hash: &str,
    now: Timestamp,
) -> Result<Option<ResetDetails>, sqlx::Error> {
    sqlx::query_as(
        "SELECT u.name, u.email FROM password_resets r JOIN users u ON u.id = r.user_id
         WHERE r.token_hash = $1 AND r.used_at IS NULL AND r.expires_at > $2",
    )
    .bind(token_hash)
    .bind(now)
    .fetch_optional(db)
    .await
}

/// Marks an open link used and answers whose it is; `None` when unknown, used or expired.
pub async fn claim_reset(
    tx: &mut crate::db::Tx,
    token_hash: &str,
    now: Timestamp,
) -> Result<Option<UserId>, sqlx::Error> {
    sqlx::query_scalar(
        "UPDATE password_resets SET used_at = $2
         WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2
         RETURNING user_id",
    )
    .bind(token_hash)
    .bind(now)
    .fetch_optional(&mut **tx)
    .await
}

/// Ends every session of a person (after a password reset or change).
pub async fn end_sessions<'e>(
    db: impl Executor<'e, Database = Any>,
    user: UserId,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sessions WHERE user_id = $1")
        .bind(user)
        .execute(db)
        .await
        .map(drop)
}
