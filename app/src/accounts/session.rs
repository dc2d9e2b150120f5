//! Who the current request acts for, read from its server-side session (server only).

use super::{Actor, UserId};
use crate::error::AppError;
use tower_sessions::Session;

/// The session key holding the signed-in person's id.
pub const USER_KEY: &str = "user_id";

/// The request's session, put there by the server's session layer.
pub async fn session() -> Result<Session, AppError> {
    leptos_axum::extract::<Session>()
        .await
        .map_err(AppError::internal)
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
