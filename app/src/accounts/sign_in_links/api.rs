//! Server functions for sign-in links: a client asks for one by email, then uses it.

use super::SignInLinkDetails;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    crate::accounts::api::{attempt_password, client_address},
    crate::accounts::{db as accounts, session, token, Email, Role},
    crate::error::with_status,
    crate::ids::Timestamp,
};

/// Emails a sign-in link to `email` when it is a client's, then shows the page that says a link
/// is on its way if the address is a client's (without a mail server: that it waits for the
/// agency to pass it on, from `/admin/mail`). An address Faro does not know and a staff member's
/// get that same answer and no mail. Each request counts against the sign-in limits of the
/// address and of the network address (like a wrong password), so the form cannot be used to
/// flood an inbox.
#[server(prefix = "/api", endpoint = "accounts/request_sign_in_link")]
pub async fn request_sign_in_link(email: String) -> Result<(), AppError> {
    // Every request answers after the same time, whatever the address: how long the answer
    // took says nothing of whether the address has an account (a client's costs a few more
    // statements than an unknown one).
    let answer_at = tokio::time::Instant::now() + ANSWER_TIME;
    let answer = async {
        let email = Email::parse(&email)?;
        let pool = crate::db::pool()?;
        // Stays recorded: asking for links is limited like failed passwords are.
        attempt_password(&pool, &email, &client_address()).await?;
        let now = Timestamp::now();
        let mut tx = crate::db::begin_write(&pool).await?;
        match accounts::find_sign_in(&mut *tx, &email).await? {
            Some(row) if row.actor.role == Role::Client => {
                let person = row.actor;
                let (token, token_hash) = token::generate();
                let expires_at = super::expiry(now);
                super::db::create_link(&mut tx, person.id, &token_hash, now, expires_at).await?;
                let url = crate::request::public_link(&format!("/login/link/{token}"));
                let locale = accounts::locale_of(&mut *tx, person.id).await?;
                let organization =
                    accounts::find_organization(&mut *tx, person.organization_id).await?;
                let message = crate::notifications::compose::sign_in_link(
                    locale,
                    email.as_str(),
                    &crate::notifications::compose::SignInLink {
                        organization_id: person.organization_id,
                        organization: &organization.name,
                        name: &person.name,
                        link: &url,
                        minutes: super::VALID_MINUTES,
                        expires_at,
                    },
                );
                crate::notifications::db::enqueue(&mut tx, &message, now).await?;
                accounts::record_audit(
                    &mut *tx,
                    Some(person.organization_id),
                    Some(person.id),
                    "sign_in_link_sent",
                    "",
                )
                .await?;
            }
            Some(row) => {
                accounts::record_audit(
                    &mut *tx,
                    Some(row.actor.organization_id),
                    Some(row.actor.id),
                    "sign_in_link_refused",
                    "staff sign in with a password",
                )
                .await?;
            }
            None => {
                accounts::record_audit(
                    &mut *tx,
                    None,
                    None,
                    "sign_in_link_unknown",
                    email.as_str(),
                )
                .await?;
            }
        }
        tx.commit().await?;
        // The same for every address; it says only whether this Faro sends email.
        let sending = crate::request::context::<crate::notifications::api::Sending>()
            .unwrap_or_default()
            .0;
        leptos_axum::redirect(if sending {
            "/login/link?sent=mail"
        } else {
            "/login/link?sent=hand"
        });
        Ok(())
    }
    .await;
    tokio::time::sleep_until(answer_at).await;
    with_status(answer)
}

/// How long every request for a sign-in link takes to answer (far more than the work takes).
#[cfg(feature = "ssr")]
const ANSWER_TIME: std::time::Duration = std::time::Duration::from_millis(300);

/// Whom an open link signs in; `LinkExpired` when unknown, used or expired. Opening the link
/// does not use it (mail scanners open links): the person confirms with a button.
#[server(prefix = "/api", endpoint = "accounts/get_sign_in_link")]
pub async fn get_sign_in_link(token: String) -> Result<SignInLinkDetails, AppError> {
    with_status(
        async {
            let pool = crate::db::pool()?;
            super::db::find_open_link(&pool, &token::hash(&token), Timestamp::now())
                .await?
                .ok_or(AppError::LinkExpired)
        }
        .await,
    )
}

/// Uses the link: marks it used and signs this browser in as the client it was sent to, then
/// sends the browser home. A used, expired or unknown link signs nobody in.
#[server(prefix = "/api", endpoint = "accounts/use_sign_in_link")]
pub async fn use_sign_in_link(token: String) -> Result<(), AppError> {
    with_status(
        async {
            let pool = crate::db::pool()?;
            let mut tx = crate::db::begin_write(&pool).await?;
            let Some(user) =
                super::db::claim_link(&mut tx, &token::hash(&token), Timestamp::now()).await?
            else {
                return Err(AppError::LinkExpired);
            };
            let person = accounts::find_actor(&mut *tx, user)
                .await?
                .filter(|person| person.role == Role::Client)
                .ok_or(AppError::LinkExpired)?;
            accounts::record_audit(
                &mut *tx,
                Some(person.organization_id),
                Some(person.id),
                "sign_in_link_used",
                "",
            )
            .await?;
            tx.commit().await?;
            if let Ok(email) = Email::parse(&person.email) {
                accounts::clear_failed_sign_ins(&pool, &email).await?;
            }
            session::sign_in(person.id).await?;
            leptos_axum::redirect("/");
            Ok(())
        }
        .await,
    )
}
