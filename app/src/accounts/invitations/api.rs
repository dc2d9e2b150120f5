//! Server functions for invitations: inviting someone to a project, reading an invitation, and
//! accepting it.

use super::{InvitationDetails, Invited};
use crate::accounts::Role;
use crate::error::AppError;
use crate::projects::ProjectId;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    crate::accounts::{password, session, token, Email},
    crate::error::with_status,
    crate::ids::Timestamp,
};

/// Invites `email` to the project as `role`. A person new to Faro gets a link (returned, for
/// the inviter to send); a person of the organization who has an account already is added to
/// the project at once. Clients are always of the project's client company.
#[server(prefix = "/api", endpoint = "accounts/invite_person")]
pub async fn invite_person(
    project: ProjectId,
    email: String,
    role: Role,
) -> Result<Invited, AppError> {
    use crate::accounts::policy::Action;
    with_status(
        async {
            let actor = session::current_actor().await?;
            let pool = crate::db::pool()?;
            let action = if role.is_staff() {
                Action::InviteStaff
            } else {
                Action::InviteClient
            };
            let record =
                crate::projects::authorize_project(&pool, actor.as_ref(), action, project).await?;
            let actor = actor.ok_or(AppError::Unauthenticated)?;
            let email = Email::parse(&email)?;
            let locale = crate::request::locale();
            let invited = super::ops::invite(&pool, &actor, &record, &email, role, locale).await?;
            if crate::request::wants_html() {
                // A form post without JavaScript goes back to the project page, which shows
                // the link once from the session; a script gets it in the answer.
                session::put_flash(super::JUST_INVITED_KEY, (project, invited.clone())).await?;
            }
            Ok(invited)
        }
        .await,
    )
}

/// What an open invitation link is for; `LinkExpired` when it is unknown, used or expired.
#[server(prefix = "/api", endpoint = "accounts/get_invitation")]
pub async fn get_invitation(token: String) -> Result<InvitationDetails, AppError> {
    with_status(
        async {
            let pool = crate::db::pool()?;
            super::db::find_open_invitation(&pool, &token::hash(&token), Timestamp::now())
                .await?
                .ok_or(AppError::LinkExpired)
        }
        .await,
    )
}

/// Accepts an invitation: creates the person with the name and password they chose, adds them
/// to the project, signs them in and sends them to it. All of it, or nothing.
#[server(prefix = "/api", endpoint = "accounts/accept_invitation")]
pub async fn accept_invitation(
    token: String,
    name: String,
    password: String,
) -> Result<(), AppError> {
    use crate::text::PersonName;
    with_status(
        async {
            let name = PersonName::parse(&name)?;
            let password = crate::accounts::Password::parse(&password)?;
            let pool = crate::db::pool()?;
            // A dead link is told so before any hashing: anonymous callers must not be able to
            // make the server hash for them.
            super::db::find_open_invitation(&pool, &token::hash(&token), Timestamp::now())
                .await?
                .ok_or(AppError::LinkExpired)?;
            let password_hash = password::hash(password.expose().to_string()).await?;
            let (user, project) =
                super::ops::accept(&pool, &token::hash(&token), &name, &password_hash).await?;

            session::sign_in(user).await?;
            leptos_axum::redirect(&match project {
                Some(project) => format!("/projects/{project}"),
                None => "/".to_string(),
            });
            Ok(())
        }
        .await,
    )
}
