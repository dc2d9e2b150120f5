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

/// The address the request came from (the peer; Faro does not trust forwarding headers).
#[cfg(feature = "ssr")]
pub(crate) async fn client_address() -> String {
    use axum::extract::ConnectInfo;
    leptos_axum::extract::<ConnectInfo<std::net::SocketAddr>>()
        .await
        .map(|ConnectInfo(addr)| addr.ip().to_string())
        .unwrap_or_else(|_| "unknown".to_string())
}

/// Refuses with `TooManyAttempts` when too many wrong passwords were given lately for `email`
/// or from `ip` (at sign-in, or as the current password on /account); otherwise answers where
/// the counting window starts, for [`db::record_failed_sign_in`].
#[cfg(feature = "ssr")]
pub(crate) async fn check_password_attempts(
    pool: &crate::db::Pool,
    email: &Email,
    ip: &str,
) -> Result<crate::ids::Timestamp, AppError> {
    let now = crate::ids::Timestamp::now();
    let window_start = crate::ids::Timestamp(now.0 - SIGN_IN_WINDOW_MINUTES * 60_000);
    let (by_email, by_ip) = db::count_failed_sign_ins(pool, email, ip, window_start).await?;
    if by_email >= SIGN_IN_FAILURES_PER_EMAIL || by_ip >= SIGN_IN_FAILURES_PER_ADDRESS {
        return Err(AppError::TooManyAttempts {
            minutes: SIGN_IN_WINDOW_MINUTES,
        });
    }
    Ok(window_start)
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
            let ip = client_address().await;
            let window_start = check_password_attempts(&pool, &email, &ip).await?;
            let found = db::find_sign_in(&pool, &email).await?;
            let (actor, hash) = match found {
                Some(row) => (Some(row.actor), row.password_hash),
                None => (None, None),
            };
            let matches = password::verify(password, hash).await?;
            let Some(actor) = actor.filter(|_| matches) else {
                db::record_failed_sign_in(&pool, &email, &ip, window_start).await?;
                db::record_audit(&pool, None, None, "sign_in_failed", email.as_str()).await?;
                return Err(AppError::invalid("password", Problem::WrongCredentials));
            };
            db::clear_failed_sign_ins(&pool, &email).await?;
            let session = session::session().await?;
            // A new id at sign-in, so a session id planted before cannot be ridden.
            session.cycle_id().await.map_err(AppError::internal)?;
            session
                .insert(session::USER_KEY, actor.id)
                .await
                .map_err(AppError::internal)?;
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
            session::session()
                .await?
                .flush()
                .await
                .map_err(AppError::internal)?;
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
            let password_hash = password::hash(password.expose().to_string()).await?;
            let pool = crate::db::pool()?;
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
            let session = session::session().await?;
            session.cycle_id().await.map_err(AppError::internal)?;
            session
                .insert(session::USER_KEY, user)
                .await
                .map_err(AppError::internal)?;
            leptos_axum::redirect("/");
            Ok(())
        }
        .await,
    )
}
