//! Who the current request acts for, read from its server-side session (server only).

use super::{Actor, UserId};
use crate::error::AppError;
use tower_sessions::Session;

/// The session key holding the signed-in person's id.
pub const USER_KEY: &str = "user_id";

/// The request's session, put there by the server's session layer.
pub async fn session() -> Result<Session, AppError> {
    // The session layer put it in the request's extensions.
    let Some(parts) = crate::request::context::<http::request::Parts>() else {
        return Err(AppError::request_gone());
    };
    parts
        .extensions
        .get::<Session>()
        .cloned()
        .ok_or_else(|| AppError::internal("no session layer around the request"))
}

/// The signed-in person, or `None` for an anonymous request (or one whose person was removed).
pub async fn current_actor() -> Result<Option<Actor>, AppError> {
    let session = session().await?;
    let Some(user) = session
        .get::<UserId>(USER_KEY)
        .await
        .map_err(AppError::internal)?
    else {
        return Ok(None);
    };
    let pool = crate::db::pool()?;
    Ok(super::db::find_actor(&pool, user).await?)
}

/// The person a session belongs to, read from the database by the session's id (not from a
/// copy a long-lived request loaded): `None` once the session ended, expired, or its person was
/// removed. The live stream asks this again and again.
pub async fn actor_of_session(
    pool: &crate::db::Pool,
    session_id: &str,
) -> Result<Option<Actor>, AppError> {
    let Some(user) =
        super::db::session_user(pool, session_id, crate::ids::Timestamp::now()).await?
    else {
        return Ok(None);
    };
    Ok(super::db::find_actor(pool, user).await?)
}

/// Ends this browser's session (sign-out): its row is deleted and its cookie cleared.
pub async fn sign_out() -> Result<(), AppError> {
    session().await?.flush().await.map_err(AppError::internal)
}

/// The signed-in person, if the policy lets them do `action` in their own organization (actions
/// about the organization as a whole: its project list, its people, one's own account).
pub async fn authorize(action: super::policy::Action) -> Result<Actor, AppError> {
    use super::policy::{may, Target};
    let actor = current_actor().await?;
    let organization = actor
        .as_ref()
        .map_or(super::OrganizationId(0), |a| a.organization_id);
    may(actor.as_ref(), action, Target::Organization(organization))?;
    actor.ok_or(AppError::Unauthenticated)
}

/// The session key holding when the session was last kept alive (unix seconds), so that an
/// active session is written at most once per [`KEEP_ALIVE_EVERY_SECS`], not on every request.
pub const SEEN_KEY: &str = "seen";
/// How often a visit pushes the session's expiry forward (and so writes the session).
pub const KEEP_ALIVE_EVERY_SECS: i64 = 3600;

/// Signs `user` in on this browser: a new session id (a session id planted before sign-in
/// cannot be ridden), holding the person.
pub async fn sign_in(user: UserId) -> Result<(), AppError> {
    let session = session().await?;
    start(&session, user).await
}

/// [`sign_in`] on a session the caller already holds (the server's own code paths).
pub async fn start(session: &Session, user: UserId) -> Result<(), AppError> {
    session.cycle_id().await.map_err(AppError::internal)?;
    session
        .insert(USER_KEY, user)
        .await
        .map_err(AppError::internal)?;
    session
        .insert(SEEN_KEY, crate::ids::Timestamp::now().0 / 1000)
        .await
        .map_err(AppError::internal)
}

/// Takes a value left for the next page (a link just made, shown once after a form post
/// without JavaScript). Only a value that is there is removed: removing marks the session
/// for writing, and a write is not free.
pub async fn take_flash<T: serde::de::DeserializeOwned>(key: &str) -> Result<Option<T>, AppError> {
    let session = session().await?;
    let present = session
        .get_value(key)
        .await
        .map_err(AppError::internal)?
        .is_some();
    if !present {
        return Ok(None);
    }
    session.remove::<T>(key).await.map_err(AppError::internal)
}

/// Leaves a value for the next page (see [`take_flash`]).
pub async fn put_flash<T: serde::Serialize>(key: &str, value: T) -> Result<(), AppError> {
    session()
        .await?
        .insert(key, value)
        .await
        .map_err(AppError::internal)
}

/// Keeps a signed-in session alive: "14 days without a visit" ends it, so a visit pushes the
/// expiry forward, but at most once an hour (the session is written only then). Called by
/// the server for every page and server-function request.
pub async fn keep_alive(session: &Session, now_secs: i64) {
    let Ok(Some(_)) = session.get::<UserId>(USER_KEY).await else {
        return;
    };
    let seen = session
        .get::<i64>(SEEN_KEY)
        .await
        .ok()
        .flatten()
        .unwrap_or(0);
    if now_secs - seen >= KEEP_ALIVE_EVERY_SECS {
        let _ = session.insert(SEEN_KEY, now_secs).await;
    }
}
