//! SQL for a person's own account settings (server only).

use super::TimeZone;
use crate::accounts::UserId;
use crate::i18n::Locale;
use crate::text::PersonName;
use sqlx::{Any, Executor};

/// Name, email, chosen language code and timezone of a person.
pub async fn find_settings<'e>(
    db: impl Executor<'e, Database = Any>,
    user: UserId,
) -> Result<(String, String, Option<String>, String), sqlx::Error> {
    sqlx::query_as("SELECT name, email, locale, timezone FROM users WHERE id = $1")
        .bind(user)
        .fetch_one(db)
        .await
}

pub async fn update_profile<'e>(
    db: impl Executor<'e, Database = Any>,
    user: UserId,
    name: &PersonName,
    locale: Option<Locale>,
    timezone: &TimeZone,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET name = $1, locale = $2, timezone = $3 WHERE id = $4")
        .bind(name.as_str())
        .bind(locale.map(Locale::code))
        .bind(timezone.as_str())
        .bind(user)
        .execute(db)
        .await
        .map(drop)
}

/// Sets a new password hash and ends every session of the person, with its audit row, in one
/// transaction. The caller's own session is saved again under a new id afterwards.
pub async fn change_password(
    pool: &sqlx::AnyPool,
    user: UserId,
    organization: crate::accounts::OrganizationId,
    password_hash: &str,
) -> Result<(), sqlx::Error> {
    let mut tx = crate::db::begin_write(pool).await?;
    crate::accounts::db::set_password_hash(&mut *tx, user, password_hash).await?;
    sqlx::query("DELETE FROM sessions WHERE user_id = $1")
        .bind(user)
        .execute(&mut *tx)
        .await?;
    crate::accounts::db::record_audit(
        &mut *tx,
        Some(organization),
        Some(user),
        "password_changed",
        "",
    )
    .await?;
    tx.commit().await
}

/// The stored password hash of a person.
pub async fn password_hash<'e>(
    db: impl Executor<'e, Database = Any>,
    user: UserId,
) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT password_hash FROM users WHERE id = $1")
        .bind(user)
        .fetch_one(db)
        .await
}
