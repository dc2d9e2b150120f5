//! Server functions of mail preferences: the signed-in person's own (`/account`), and the
//! unsubscribe link's, which needs no sign-in (the signed token is the permission).

use super::{Preference, UnsubscribeDetails};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::Delivery,
    crate::accounts::{policy::Action, session, UserId},
    crate::error::{with_status, Problem},
    crate::notifications::{signing, MailKind},
};

/// The signed-in person's choice for each kind of notification mail they can get (none for
/// staff yet).
#[server(prefix = "/api", endpoint = "mail/get_mail_preferences")]
pub async fn get_mail_preferences() -> Result<Vec<Preference>, AppError> {
    with_status(
        async {
            let actor = session::authorize(Action::EditOwnAccount).await?;
            let pool = crate::db::pool()?;
            let mut preferences = Vec::new();
            for kind in super::kinds_for(actor.role) {
                let delivery = super::db::delivery(&pool, actor.id, kind).await?;
                preferences.push(Preference { kind, delivery });
            }
            Ok(preferences)
        }
        .await,
    )
}

/// Sets how the signed-in person gets one kind of notification mail.
#[server(prefix = "/api", endpoint = "mail/set_mail_preference")]
pub async fn set_mail_preference(kind: String, delivery: String) -> Result<(), AppError> {
    with_status(
        async {
            let actor = session::authorize(Action::EditOwnAccount).await?;
            let kind = MailKind::parse(&kind)
                .filter(|k| super::kinds_for(actor.role).contains(k))
                .ok_or(AppError::invalid("kind", Problem::Malformed))?;
            let delivery = Delivery::parse(&delivery)
                .ok_or(AppError::invalid("delivery", Problem::Required))?;
            let pool = crate::db::pool()?;
            let mut tx = crate::db::begin_write(&pool).await?;
            super::db::set(&mut tx, actor.id, kind, delivery).await?;
            tx.commit().await?;
            // Without JavaScript the page reloads: it says which choice was saved.
            if crate::request::wants_html() {
                leptos_axum::redirect(&format!("/account?saved={}", kind.as_str()));
            }
            Ok(())
        }
        .await,
    )
}

/// Whose mail and which kind an unsubscribe link turns off, and whether it is off already.
/// Opening the link changes nothing (mail scanners open links). A link that was not signed by
/// this installation, or whose person is gone, answers `LinkExpired`.
#[server(prefix = "/api", endpoint = "mail/get_unsubscribe")]
pub async fn get_unsubscribe(token: String) -> Result<UnsubscribeDetails, AppError> {
    with_status(
        async {
            let pool = crate::db::pool()?;
            let (user, kind) = verified(&pool, &token).await?;
            let email: String = sqlx::query_scalar("SELECT email FROM users WHERE id = $1")
                .bind(user)
                .fetch_optional(&pool)
                .await?
                .ok_or(AppError::LinkExpired)?;
            let off = if kind == MailKind::Digest {
                !super::db::has_digest(&pool, user).await?
            } else {
                super::db::delivery(&pool, user, kind).await? == Delivery::Off
            };
            Ok(UnsubscribeDetails { email, kind, off })
        }
        .await,
    )
}

/// Turns off the kind of mail the link is about, for the person it was sent to. Again changes
/// nothing.
#[server(prefix = "/api", endpoint = "mail/unsubscribe")]
pub async fn unsubscribe(token: String) -> Result<(), AppError> {
    with_status(
        async {
            let pool = crate::db::pool()?;
            unsubscribe_with(&pool, &token).await
        }
        .await,
    )
}

/// The person and kind of a token this installation signed.
#[cfg(feature = "ssr")]
async fn verified(pool: &crate::db::Pool, token: &str) -> Result<(UserId, MailKind), AppError> {
    let key = signing::find_signing_key(pool)
        .await?
        .ok_or(AppError::LinkExpired)?;
    signing::verify_unsubscribe_token(&key, token).ok_or(AppError::LinkExpired)
}

/// Unsubscribes as the link says: from the page's button, or from the one-click POST a mail
/// program sends to the `List-Unsubscribe` address (server/src/router.rs).
#[cfg(feature = "ssr")]
pub async fn unsubscribe_with(pool: &crate::db::Pool, token: &str) -> Result<(), AppError> {
    let (user, kind) = verified(pool, token).await?;
    let mut tx = crate::db::begin_write(pool).await?;
    if kind == MailKind::Digest {
        let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM users WHERE id = $1")
            .bind(user)
            .fetch_optional(&mut *tx)
            .await?;
        if exists.is_none() {
            return Err(AppError::LinkExpired);
        }
        super::db::stop_digests(&mut tx, user).await?;
    } else if !super::db::set(&mut tx, user, kind, Delivery::Off).await? {
        return Err(AppError::LinkExpired);
    }
    tx.commit().await?;
    Ok(())
}
