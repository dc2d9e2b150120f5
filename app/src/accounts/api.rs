//! Server functions for the session: who is signed in, signing in and out.

use super::SessionInfo;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::{
        db, password, session, Email, SIGN_IN_FAILURES_PER_ADDRESS, SIGN_IN_FAILURES_PER_EMAIL,
        SIGN_IN_WINDOW_MINUTES,
    },
    crate::error::{with_status, Problem},
};

/// The address the request came from: the TCP peer, or with `--trusted-proxy` the address
/// the trusted proxies say they forwarded for (the server's client-address layer decides).
#[cfg(feature = "ssr")]
pub(crate) fn client_address() -> String {
    crate::request::context::<http::request::Parts>()
        .and_then(|parts| {
            parts
                .extensions
                .get::<crate::request::ClientAddress>()
                .map(|a| a.0.to_string())
        })
        .unwrap_or_else(|| "unknown".to_string())
}

/// Records a password attempt for `email` from `ip` (at sign-in, or the current password on
/// /account) *before* the password is checked, and refuses with `TooManyAttempts` when too many
/// were recorded lately. Answers the attempt's id: forget it when the password was right.
#[cfg(feature = "ssr")]
pub(crate) async fn attempt_password(
    pool: &crate::db::Pool,
    email: &Email,
    ip: &str,
) -> Result<i64, AppError> {
    let now = crate::ids::Timestamp::now();
    let window_start = crate::ids::Timestamp(now.0 - SIGN_IN_WINDOW_MINUTES * 60_000);
    db::record_attempt(
        pool,
        email,
        ip,
        window_start,
        SIGN_IN_FAILURES_PER_EMAIL,
        SIGN_IN_FAILURES_PER_ADDRESS,
    )
    .await?
    .ok_or(AppError::TooManyAttempts {
        minutes: SIGN_IN_WINDOW_MINUTES,
    })
}

/// Who is signed in and in which organization; `None` for an anonymous visitor.
#[server(prefix = "/api", endpoint = "accounts/get_session")]
pub async fn get_session() -> Result<Option<SessionInfo>, AppError> {
    with_status(
        async {
            let Some(user) = session::current_actor().await? else {
                return Ok(None);
            };
            let pool = crate::db::pool()?;
            let organization = db::find_organization(&pool, user.organization_id).await?;
            Ok(Some(SessionInfo { user, organization }))
        }
        .await,
    )
}

/// Signs in with email and password, then sends the browser home. An unknown email and a wrong
/// password get the same answer after the same work (a hash is always verified).
#[server(prefix = "/api", endpoint = "accounts/sign_in")]
pub async fn sign_in(email: String, password: String) -> Result<(), AppError> {
    with_status(
        async {
            let email = Email::parse(&email)?;
            if password.is_empty() {
                return Err(AppError::invalid("password", Problem::Required));
            }
            let pool = crate::db::pool()?;
            let ip = client_address();
            let attempt = attempt_password(&pool, &email, &ip).await?;
            let found = db::find_sign_in(&pool, &email).await?;
            let (actor, hash) = match found {
                Some(row) => (Some(row.actor), row.password_hash),
                None => (None, None),
            };
            let matches = match password::verify(password, hash).await {
                Ok(matches) => matches,
                Err(err) => {
                    // Never judged (busy): not a failure.
                    db::forget_attempt(&pool, attempt).await?;
                    return Err(err);
                }
            };
            let Some(actor) = actor.filter(|_| matches) else {
                // The attempt stays recorded: it is a failure.
                db::record_audit(&pool, None, None, "sign_in_failed", email.as_str()).await?;
                return Err(AppError::invalid("password", Problem::WrongCredentials));
            };
            db::clear_failed_sign_ins(&pool, &email).await?;
            session::sign_in(actor.id).await?;
            db::record_audit(
                &pool,
                Some(actor.organization_id),
                Some(actor.id),
                "sign_in",
                "",
            )
            .await?;
            leptos_axum::redirect("/");
            Ok(())
        }
        .await,
    )
}

/// Ends the session on this browser and sends it to the sign-in page.
#[server(prefix = "/api", endpoint = "accounts/sign_out")]
pub async fn sign_out() -> Result<(), AppError> {
    with_status(
        async {
            if let Some(actor) = session::current_actor().await? {
                let pool = crate::db::pool()?;
                db::record_audit(
                    &pool,
                    Some(actor.organization_id),
                    Some(actor.id),
                    "sign_out",
                    "",
                )
                .await?;
            }
            session::sign_out().await?;
            leptos_axum::redirect("/login");
            Ok(())
        }
        .await,
    )
}

/// Whether this installation has no organization yet (the first-run page is then open).
#[server(prefix = "/api", endpoint = "accounts/needs_setup")]
pub async fn needs_setup() -> Result<bool, AppError> {
    with_status(
        async {
            let pool = crate::db::pool()?;
            Ok(db::count_organizations(&pool).await? == 0)
        }
        .await,
    )
}

/// The first run: creates the organization and its owner, and signs the owner in. Refused once
/// any organization exists, so the page cannot be used to take over an installation.
#[server(prefix = "/api", endpoint = "accounts/set_up")]
pub async fn set_up(
    organization: String,
    name: String,
    email: String,
    password: String,
) -> Result<(), AppError> {
    use crate::text::{OrganizationName, PersonName};
    with_status(
        async {
            let organization = OrganizationName::parse(&organization)?;
            let name = PersonName::parse(&name)?;
            let email = Email::parse(&email)?;
            let password = super::Password::parse(&password)?;
            let pool = crate::db::pool()?;
            // Once set up, the page is closed before any hashing (checked again when writing).
            if db::count_organizations(&pool).await? > 0 {
                return Err(AppError::NotFound);
            }
            let password_hash = password::hash(password.expose().to_string()).await?;
            let owner = db::NewOwner {
                organization: &organization,
                name: &name,
                email: &email,
                password_hash: &password_hash,
            };
            let Some((_, user)) = db::create_organization_with_owner(&pool, owner, true).await?
            else {
                return Err(AppError::NotFound);
            };
            session::sign_in(user).await?;
            leptos_axum::redirect("/");
            Ok(())
        }
        .await,
    )
}
