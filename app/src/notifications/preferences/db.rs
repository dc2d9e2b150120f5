//! SQL for mail preferences (server only).

use super::Delivery;
use crate::accounts::UserId;
use crate::db::Tx;
use crate::notifications::MailKind;
use sqlx::{Any, Executor};

/// The person's choice for `kind`; without one, right away.
pub async fn delivery<'e>(
    db: impl Executor<'e, Database = Any>,
    user: UserId,
    kind: MailKind,
) -> Result<Delivery, sqlx::Error> {
    let stored: Option<String> = sqlx::query_scalar(
        "SELECT delivery FROM mail_preferences WHERE user_id = $1 AND kind = $2",
    )
    .bind(user)
    .bind(kind.as_str())
    .fetch_optional(db)
    .await?;
    Ok(stored
        .as_deref()
        .and_then(Delivery::parse)
        .unwrap_or(Delivery::Immediately))
}

/// Sets the person's choice for `kind`; the last of two at once stands. Turned off, the lines
/// of that kind waiting for the person's next summary go too. Answers whether the person
/// exists.
pub async fn set(
    tx: &mut Tx,
    user: UserId,
    kind: MailKind,
    delivery: Delivery,
) -> Result<bool, sqlx::Error> {
    let changed = sqlx::query(
        "INSERT INTO mail_preferences (user_id, kind, delivery)
         SELECT id, $2, $3 FROM users WHERE id = $1
         ON CONFLICT (user_id, kind) DO UPDATE SET delivery = excluded.delivery",
    )
    .bind(user)
    .bind(kind.as_str())
    .bind(delivery.as_str())
    .execute(&mut **tx)
    .await?
    .rows_affected();
    if delivery == Delivery::Off {
        sqlx::query("DELETE FROM digest_items WHERE user_id = $1 AND kind = $2")
            .bind(user)
            .bind(kind.as_str())
            .execute(&mut **tx)
            .await?;
    }
    Ok(changed > 0)
}

/// Whether the person gets any kind of mail in summaries.
pub async fn has_digest<'e>(
    db: impl Executor<'e, Database = Any>,
    user: UserId,
) -> Result<bool, sqlx::Error> {
    let count: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM mail_preferences
         WHERE user_id = $1 AND delivery IN ('daily', 'weekly')",
    )
    .bind(user)
    .fetch_one(db)
    .await?;
    Ok(count > 0)
}

/// A summary's unsubscribe link: every kind the person gets in summaries is turned off, and
/// what waited for the next one goes.
pub async fn stop_digests(tx: &mut Tx, user: UserId) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE mail_preferences SET delivery = 'off'
         WHERE user_id = $1 AND delivery IN ('daily', 'weekly')",
    )
    .bind(user)
    .execute(&mut **tx)
    .await?;
    sqlx::query("DELETE FROM digest_items WHERE user_id = $1")
        .bind(user)
        .execute(&mut **tx)
        .await?;
    Ok(())
}
