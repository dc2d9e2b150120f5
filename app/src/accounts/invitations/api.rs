//! Server functions for invitations: inviting someone to a project, reading an invitation, and
//! accepting it.

use super::{InvitationDetails, Invited};
use crate::accounts::Role;
use crate::error::AppError;
use crate::projects::ProjectId;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    crate::accounts::{db as accounts, password, session, token, Email},
    crate::error::{with_status, Problem},
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
            let client_company = (role == Role::Client).then_some(record.client_company_id);

            let mut tx = crate::db::begin_write(&pool).await?;
            // Archived in the meantime? Checked again under the project's lock.
            if !crate::projects::db::lock_open_project(&mut tx, project).await? {
                return Err(AppError::invalid("project", Problem::Archived));
            }
            if let Some(existing) = accounts::find_sign_in(&mut *tx, &email).await? {
                let person = existing.actor;
                let fits = person.organization_id == record.organization_id
                    && person.client_company_id == client_company
                    && person.role.is_staff() == role.is_staff();
                if !fits {
                    return Err(AppError::invalid("email", Problem::EmailTaken));
                }
                crate::projects::db::add_project_member(&mut *tx, project, person.id).await?;
                accounts::record_audit(
                    &mut *tx,
                    Some(record.organization_id),
                    Some(actor.id),
                    "member_added",
                    &format!("{} to project {project}", email.as_str()),
                )
                .await?;
                tx.commit().await?;
                return Ok(Invited::Added { name: person.name });
            }

            let (token, token_hash) = token::generate();
            let now = Timestamp::now();
            let expires_at = super::expiry(now);
            super::db::replace_invitation(
                &mut tx,
                super::db::NewInvitation {
                    organization: record.organization_id,
                    project: Some(project),
                    client_company,
                    email: &email,
                    role,
                    token_hash: &token_hash,
                    invited_by: actor.id,
                    created_at: now,
                    expires_at,
                },
            )
            .await?;
            accounts::record_audit(
                &mut *tx,
                Some(record.organization_id),
                Some(actor.id),
                "invitation_sent",
                &format!(
                    "{} as {} to project {project}",
                    email.as_str(),
                    role.as_str()
                ),
            )
            .await?;
            tx.commit().await?;

            let invited = Invited::Link {
                email: email.as_str().to_string(),
                url: crate::request::public_link(&format!("/invite/{token}")),
                expires_at,
            };
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
            let mut tx = crate::db::begin_write(&pool).await?;
            let Some(invitation) =
                super::db::claim_invitation(&mut tx, &token::hash(&token), Timestamp::now())
                    .await?
            else {
                return Err(AppError::LinkExpired);
            };
            if let Some(project) = invitation.project_id {
                // An archived project takes no new people until it is reopened.
                if !crate::projects::db::lock_open_project(&mut tx, project).await? {
                    return Err(AppError::LinkExpired);
                }
            }
            let email = Email::parse(&invitation.email)?;
            if accounts::find_sign_in(&mut *tx, &email).await?.is_some() {
                // Someone signed up with this address since the link was made.
                return Err(AppError::invalid("email", Problem::EmailTaken));
            }
            let user = accounts::create_user(
                &mut *tx,
                accounts::NewUser {
                    organization: invitation.organization_id,
                    client_company: invitation.client_company_id,
                    email: &email,
                    name: &name,
                    role: invitation.role,
                },
            )
            .await?;
            accounts::set_password_hash(&mut *tx, user, &password_hash).await?;
            if let Some(project) = invitation.project_id {
                crate::projects::db::add_project_member(&mut *tx, project, user).await?;
            }
            accounts::record_audit(
                &mut *tx,
                Some(invitation.organization_id),
                Some(user),
                "invitation_accepted",
                &format!("invitation {}", invitation.id),
            )
            .await?;
            tx.commit().await?;

            session::sign_in(user).await?;
            leptos_axum::redirect(&match invitation.project_id {
                Some(project) => format!("/projects/{project}"),
                None => "/".to_string(),
            });
            Ok(())
        }
        .await,
    )
}
