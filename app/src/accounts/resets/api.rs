//! Server functions for password resets: an owner makes a link for a person; the person opens
//! it and chooses a new password.

use super::{ResetDetails, ResetLink};
use crate::accounts::UserId;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    crate::accounts::policy::Action,
    crate::accounts::{db as accounts, password, session, token},
    crate::error::with_status,
    crate::ids::Timestamp,
};

/// The session key under which the people page finds the link just made, after a form post
/// without JavaScript.
pub const JUST_MADE_KEY: &str = "just_made_reset";

/// Makes a reset link for a person of the owner's organization and emails it to them in their
/// language (the outbox row commits with the link); the owner sees it too, to hand it over when
/// mail is not set up. Earlier unused links of that person stop working.
#[server(prefix = "/api", endpoint = "accounts/create_reset_link")]
pub async fn create_reset_link(user: UserId) -> Result<ResetLink, AppError> {
    with_status(
        async {
            let actor = session::authorize(Action::ManagePeople).await?;
            let pool = crate::db::pool()?;
            let mut tx = crate::db::begin_write(&pool).await?;
            let person = accounts::find_actor(&mut *tx, user)
                .await?
                .filter(|p| p.organization_id == actor.organization_id)
                .ok_or(AppError::NotFound)?;
            let (token, token_hash) = token::generate();
            let now = Timestamp::now();
            let expires_at = super::expiry(now);
            super::db::create_reset(&mut tx, user, &token_hash, actor.id, now, expires_at).await?;
            accounts::record_audit(
                &mut *tx,
                Some(actor.organization_id),
                Some(actor.id),
                "reset_link_made",
                &person.email,
            )
            .await?;
            let url = crate::request::public_link(&format!("/reset/{token}"));
            let locale = accounts::locale_of(&mut *tx, person.id).await?;
            let organization = accounts::find_organization(&mut *tx, actor.organization_id).await?;
            let message = crate::notifications::compose::password_link(
                locale,
                &person.email,
                &crate::notifications::compose::PasswordLink {
                    organization_id: actor.organization_id,
                    organization: &organization.name,
                    name: &person.name,
                    link: &url,
                    hours: super::VALID_HOURS,
                    expires_at,
                },
            );
            crate::notifications::db::enqueue(&mut tx, &message, now).await?;
            tx.commit().await?;
            let link = ResetLink {
                name: person.name,
                url,
                expires_at,
                emailed: crate::request::context::<crate::notifications::api::Sending>()
                    .unwrap_or_default()
                    .0,
            };
            if crate::request::wants_html() {
                session::put_flash(JUST_MADE_KEY, link.clone()).await?;
            }
            Ok(link)
        }
        .await,
    )
}

/// Whose password an open link resets; `LinkExpired` when unknown, used or expired.
#[server(prefix = "/api", endpoint = "accounts/get_reset")]
pub async fn get_reset(token: String) -> Result<ResetDetails, AppError> {
    with_status(
        async {
            let pool = crate::db::pool()?;
            super::db::find_open_reset(&pool, &token::hash(&token), Timestamp::now())
                .await?
                .ok_or(AppError::LinkExpired)
        }
        .await,
    )
}

/// Sets the new password, ends every session of the person (whoever had it is out), and signs
/// this browser in. All of it, or nothing.
#[server(prefix = "/api", endpoint = "accounts/reset_password")]
pub async fn reset_password(token: String, password: String) -> Result<(), AppError> {
    with_status(
        async {
            let password = crate::accounts::Password::parse(&password)?;
            let pool = crate::db::pool()?;
            // A dead link is told so before any hashing (see `accept_invitation`).
            super::db::find_open_reset(&pool, &token::hash(&token), Timestamp::now())
                .await?
                .ok_or(AppError::LinkExpired)?;
            let hash = password::hash(password.expose().to_string()).await?;
            let mut tx = crate::db::begin_write(&pool).await?;
            let Some(user) =
                super::db::claim_reset(&mut tx, &token::hash(&token), Timestamp::now()).await?
            else {
                return Err(AppError::LinkExpired);
            };
            let person = accounts::find_actor(&mut *tx, user)
                .await?
                .ok_or(AppError::LinkExpired)?;
            accounts::set_password_hash(&mut *tx, user, &hash).await?;
            super::db::end_sessions(&mut *tx, user).await?;
            accounts::record_audit(
                &mut *tx,
                Some(person.organization_id),
                Some(user),
                "password_reset",
                "",
            )
            .await?;
            tx.commit().await?;
            session::sign_in(user).await?;
            leptos_axum::redirect("/");
            Ok(())
        }
        .await,
    )
}
