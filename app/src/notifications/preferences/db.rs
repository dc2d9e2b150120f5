//! SQL for mail preferences (server only).

use super::Delivery;
use crate::accounts::UserId;
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

/// Sets the person's choice for `kind`; the last of two at once stands. Answers whether the
/// person exists.
pub async fn set<'e>(
    db: impl Executor<'e, Database = Any>,
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
    .execute(db)
    .await?
    .rows_affected();
    Ok(changed > 0)
}
